#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AuroraProcess

/// Stops a throwaway server when this process ends without calling `stop()` (a test process exiting
/// with its shared servers still up, or a crash): a small shell loop polls this process and, once it is
/// gone, stops the server (SIGKILL after 10 s) and deletes its directory. It runs in its own session so
/// that killing this process's group does not kill it too. `stop()` kills the watchdog.
enum ServerWatchdog {
    private static let script = """
        while kill -0 "$1" 2>/dev/null; do sleep 1; done
        kill -"$3" "$2" 2>/dev/null
        i=0
        while kill -0 "$2" 2>/dev/null && [ "$i" -lt 20 ]; do sleep 0.5; i=$((i + 1)); done
        kill -9 "$2" 2>/dev/null
        rm -rf "$4"
        """

    static func watch(server: pid_t, stopSignal: Int32, directory: String) throws(LocalDatabaseServerError) -> ChildProcess {
        do {
            return try ChildProcess.spawn(
                "/bin/sh",
                ["-c", script, "aurora-db-watchdog", String(getpid()), String(server), String(stopSignal), directory],
                environment: ["PATH": "/usr/bin:/bin"], logPath: "/dev/null", group: .newSession)
        } catch {
            throw LocalDatabaseServerError(error)
        }
    }
}
