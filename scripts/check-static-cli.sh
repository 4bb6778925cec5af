#!/usr/bin/env bash
# The gate on the static `aurora-data` (scripts/build-static.sh): fails unless it is one self-contained file that
# runs where nothing else is installed.
#   - `file` says statically linked, and `ldd` says it is not a dynamic executable;
#   - it runs in an empty root (chroot into a directory holding only the binary, /etc/hosts, /etc/resolv.conf, a
#     trust store and the kernel's /proc, /sys, /dev): no toolchain, no libc, no shared library at all, and an
#     environment with no LD_LIBRARY_PATH;
#   - there it prints --version and --help, resolves a host name from /etc/hosts and runs a signed statement over
#     HTTP against a fake Data API;
#   - over HTTPS it verifies certificates. The TLS server's certificate is signed by a CA made for this run:
#     with the system trust store the handshake is refused (exit 3, nothing sent, no retries); with
#     AWS_CA_BUNDLE naming the CA's PEM file the statement runs; with the CA in place of the root's system trust
#     store (/etc/ssl/certs/ca-certificates.crt) and no AWS_CA_BUNDLE it runs too, so that file is what the binary
#     trusts by default; AWS_CA_BUNDLE naming a missing file is a configuration error (exit 2) that names it.
# The root is entered in a private mount namespace (unshare; as root, or else as a mapped root in a user
# namespace), so nothing outside changes.
#   bash scripts/check-static-cli.sh [BINARY]      # default: .build-static/release/aurora-data
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${1:-.build-static/release/aurora-data}
fail() { echo "check-static-cli: $*" >&2; exit 1; }
[ -x "$binary" ] || fail "no executable $binary (run scripts/build-static.sh)"
binary=$(realpath "$binary")

file "$binary" | grep "statically linked" >/dev/null || fail "$binary is not statically linked: $(file -b "$binary")"
if ldd_out=$(ldd "$binary" 2>&1); then fail "ldd lists libraries for $binary: $ldd_out"; fi
case "$ldd_out" in *"not a dynamic executable"*) ;; *) fail "ldd says: $ldd_out" ;; esac

namespace=(unshare --mount --propagation private)
[ "$(id -u)" -eq 0 ] || namespace=(unshare --map-root-user --mount --propagation private)
"${namespace[@]}" true 2>/dev/null || fail "cannot make a private mount namespace (${namespace[*]}); run as root or enable user namespaces"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A CA of this run and a server certificate it signs, for localhost and a name only the root's /etc/hosts knows.
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=aurora-data check CA" \
    -keyout "$work/ca.key" -out "$work/ca.pem" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj /CN=localhost -keyout "$work/server.key" -out "$work/server.csr" 2>/dev/null
printf 'subjectAltName=DNS:localhost,DNS:dataapi.aurora-check.test\n' > "$work/san.ext"
openssl x509 -req -in "$work/server.csr" -CA "$work/ca.pem" -CAkey "$work/ca.key" -CAcreateserial -days 1 \
    -extfile "$work/san.ext" -out "$work/server.pem" 2>/dev/null

python3 - "$binary" "$work" "${namespace[@]}" <<'PY'
import http.server, json, os, shutil, ssl, subprocess, sys, threading
binary, work, namespace = sys.argv[1], sys.argv[2], sys.argv[3:]
RESULT = b'{"records":[[{"longValue":42}]],"columnMetadata":[{"label":"answer","name":"answer","type":4,"typeName":"int4"}],"numberOfRecordsUpdated":0}'
seen = {"requests": [], "handshakes": []}

class DataAPI(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *args): pass
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        seen["requests"].append((self.path, self.headers.get("Authorization", ""), json.loads(body)))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(RESULT)))
        self.end_headers()
        self.wfile.write(RESULT)

class TLSDataAPI(http.server.ThreadingHTTPServer):
    """Records each handshake: 'ok' or the error the client's refusal caused."""
    def get_request(self):
        connection, address = self.socket.accept()
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(f"{work}/server.pem", f"{work}/server.key")
        try:
            wrapped = context.wrap_socket(connection, server_side=True)
        except (ssl.SSLError, OSError) as error:
            seen["handshakes"].append(str(error))
            connection.close()
            raise
        seen["handshakes"].append("ok")
        return wrapped, address

plain = http.server.ThreadingHTTPServer(("127.0.0.1", 0), DataAPI)
tls = TLSDataAPI(("127.0.0.1", 0), DataAPI)
for server in (plain, tls):
    threading.Thread(target=server.serve_forever, daemon=True).start()

# The empty root: the binary, name resolution files, a trust store, and mount points for the kernel's file systems.
root = f"{work}/root"
for directory in ("bin", "etc/ssl/certs", "proc", "sys", "dev", "tmp"):
    os.makedirs(f"{root}/{directory}")
shutil.copy(binary, f"{root}/bin/aurora-data")
shutil.copy(f"{work}/ca.pem", f"{root}/ca.pem")
with open(f"{root}/etc/hosts", "w") as hosts:
    hosts.write("127.0.0.1 localhost\n127.0.0.1 dataapi.aurora-check.test\n")
shutil.copy("/etc/resolv.conf", f"{root}/etc/resolv.conf")
system_store = "/etc/ssl/certs/ca-certificates.crt"
if not os.path.exists(system_store):
    sys.exit(f"check-static-cli: {system_store} is missing (install ca-certificates)")

def trust(store):
    shutil.copy(store, f"{root}/etc/ssl/certs/ca-certificates.crt")

ARNS = ["--resource-arn", "arn:aws:rds:us-east-1:123456789012:cluster:check",
        "--secret-arn", "arn:aws:secretsmanager:us-east-1:123456789012:secret:check-AbCdEf"]
HOST_PATH = "/usr/sbin:/usr/bin:/sbin:/bin"
tools = {name: shutil.which(name, path=HOST_PATH) for name in ("mount", "env", "chroot")}
if not all(tools.values()):
    sys.exit(f"check-static-cli: missing tools: {tools}")

def run(arguments, extra_env=None):
    """Runs the binary in the root with only these variables; returns (status, stdout, stderr)."""
    env = {"PATH": "/bin", "HOME": "/tmp", "AWS_ACCESS_KEY_ID": "AKIDCHECK", "AWS_SECRET_ACCESS_KEY": "check-secret",
           "AWS_REGION": "us-east-1", "AWS_EC2_METADATA_DISABLED": "true", **(extra_env or {})}
    mounts = " && ".join(f"{tools['mount']} --rbind /{name} {root}/{name}" for name in ("proc", "sys", "dev"))
    # mount, env and chroot are the host's, run before the root is entered; the binary sees only `env`.
    command = namespace + ["/bin/sh", "-c", f'{mounts} && exec "$@"', "sh", tools["env"], "-i"]
    command += [f"{name}={value}" for name, value in env.items()]
    command += [tools["chroot"], root, "/bin/aurora-data"] + arguments
    process = subprocess.run(command, env={"PATH": HOST_PATH}, capture_output=True, text=True, timeout=60)
    return process.returncode, process.stdout, process.stderr

def check(condition, what, outcome):
    if not condition:
        sys.exit(f"check-static-cli: {what}: exit {outcome[0]}\nstdout: {outcome[1]}\nstderr: {outcome[2]}")

def exec_at(endpoint, extra_env=None):
    return run(["exec", "--format", "json", "--endpoint-url", endpoint] + ARNS + ["SELECT 42 AS answer"], extra_env)

ANSWER = '[\n  {"answer": 42}\n]\n'
trust(system_store)

outcome = run(["--version"])
check(outcome[0] == 0 and outcome[1].startswith("aurora-data ") and "commit" in outcome[1], "--version", outcome)
outcome = run(["--help"])
check(outcome[0] == 0 and "exec" in outcome[1] and "migrate" in outcome[1], "--help", outcome)

# Name resolution (from the root's /etc/hosts) and a signed request over plain HTTP.
outcome = exec_at(f"http://dataapi.aurora-check.test:{plain.server_port}")
check(outcome[0] == 0 and outcome[1] == ANSWER, "exec over HTTP to a name in /etc/hosts", outcome)
path, authorization, body = seen["requests"][-1]
check(path == "/Execute" and authorization.startswith("AWS4-HMAC-SHA256 Credential=AKIDCHECK/")
      and body.get("sql") == "SELECT 42 AS answer", f"the request the fake Data API saw: {seen['requests'][-1]}", outcome)

https = f"https://localhost:{tls.server_port}"
# The system trust store does not know this run's CA: the handshake is refused, nothing is sent, no retry.
before = len(seen["requests"])
outcome = exec_at(https)
check(outcome[0] == 3 and "TLSHandshakeFailed" in outcome[2] and "AWS_CA_BUNDLE" in outcome[2],
      "exec over HTTPS to a certificate the system trust store does not know", outcome)
check(len(seen["handshakes"]) == 1 and seen["handshakes"][0] != "ok" and len(seen["requests"]) == before,
      f"the TLS server should have seen one refused handshake and no request, saw {seen['handshakes']}", outcome)

# AWS_CA_BUNDLE names the CA: verified, and the statement runs.
outcome = exec_at(https, {"AWS_CA_BUNDLE": "/ca.pem"})
check(outcome[0] == 0 and outcome[1] == ANSWER, "exec over HTTPS with AWS_CA_BUNDLE", outcome)
check(seen["handshakes"][-1] == "ok" and len(seen["requests"]) == before + 1, "the handshake with AWS_CA_BUNDLE", outcome)

# The CA as the root's system trust store, no AWS_CA_BUNDLE: the default trust store is that file.
trust(f"{work}/ca.pem")
outcome = exec_at(https)
check(outcome[0] == 0 and outcome[1] == ANSWER, "exec over HTTPS with the CA in the system trust store", outcome)
trust(system_store)

# A CA bundle that does not exist is a configuration error that names the variable and the file.
outcome = exec_at(https, {"AWS_CA_BUNDLE": "/missing.pem"})
check(outcome[0] == 2 and "AWS_CA_BUNDLE is /missing.pem" in outcome[2], "exec with AWS_CA_BUNDLE naming a missing file", outcome)
PY
echo "check-static-cli: ok: $binary is statically linked and, alone in an empty root, prints its version and help, resolves names from /etc/hosts, signs and sends over HTTP, and verifies HTTPS against the system trust store or AWS_CA_BUNDLE" >&2
