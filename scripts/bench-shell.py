#!/usr/bin/env python3
"""Start-up benchmark of `aurora-data shell` on a terminal: from the process start to its prompt on a pseudo-terminal.

    python3 scripts/bench-shell.py [BINARY] [RUNS]     # default: .build-static/release/aurora-data, 30 runs

The shell is given an endpoint that does not answer (a closed loopback port): the prompt does not wait for the
engine check, so what is timed is start-up, argument parsing, the credentials and client set-up, the terminal's raw
mode and the history file, up to the first prompt. Prints the median, minimum and maximum and checks the median
against the target (20 ms); exits 0 either way (a measurement, not a test).
"""
import os
import pty
import select
import statistics
import sys
import tempfile
import time

TARGET_MS = 20.0


def start_to_prompt(binary: str, state_dir: str) -> float:
    env = dict(os.environ,
               AWS_ACCESS_KEY_ID="AKIDBENCHSHELL", AWS_SECRET_ACCESS_KEY="bench-shell-secret", AWS_REGION="us-east-1",
               AWS_EC2_METADATA_DISABLED="true", XDG_STATE_HOME=state_dir, TERM="xterm", PAGER="")
    argv = [binary, "shell", "--endpoint-url", "http://127.0.0.1:9",
            "--resource-arn", "arn:aws:rds:us-east-1:123456789012:cluster:bench",
            "--secret-arn", "arn:aws:secretsmanager:us-east-1:123456789012:secret:bench-AbCdEf",
            "--database", "bench", "--engine", "postgresql"]
    started = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(binary, argv, env)
    seen = b""
    elapsed = None
    deadline = started + 5
    while time.perf_counter() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
        if b"bench=>" in seen:
            elapsed = (time.perf_counter() - started) * 1000
            break
    try:
        os.write(fd, b"\\q\r")
    except OSError:
        pass
    os.waitpid(pid, 0)
    os.close(fd)
    if elapsed is None:
        sys.exit(f"bench-shell: no prompt within 5 s; the shell printed: {seen.decode(errors='replace')!r}")
    return elapsed


def main() -> None:
    binary = sys.argv[1] if len(sys.argv) > 1 else ".build-static/release/aurora-data"
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    if not os.access(binary, os.X_OK):
        sys.exit(f"bench-shell: {binary} is not an executable (bash scripts/build-static.sh builds it)")
    with tempfile.TemporaryDirectory() as state_dir:
        for _ in range(3):
            start_to_prompt(binary, state_dir)
        times = [start_to_prompt(binary, state_dir) for _ in range(runs)]
    median = statistics.median(times)
    verdict = "met" if median <= TARGET_MS else "NOT met"
    print(f"aurora-data shell, start to prompt ({runs} runs): median {median:.1f} ms, "
          f"min {min(times):.1f} ms, max {max(times):.1f} ms (target <= {TARGET_MS:.0f} ms: {verdict})")


if __name__ == "__main__":
    main()
