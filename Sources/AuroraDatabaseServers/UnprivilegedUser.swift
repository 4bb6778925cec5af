#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Database servers refuse to run as root: when this process is root, server commands run as `nobody`
/// through `setpriv` (util-linux), which switches user and then execs the command (so the pid is the server's).
struct UnprivilegedUser: Sendable {
    let uid: uid_t
    let gid: gid_t

    /// `nobody` when running as root, nil otherwise (commands then run as the current user).
    static func forCurrentProcess() throws(LocalDatabaseServerError) -> UnprivilegedUser? {
        guard geteuid() == 0 else { return nil }
        guard let entry = getpwnam("nobody") else {
            throw LocalDatabaseServerError(
                code: .startFailed,
                message: "Running as root, but there is no 'nobody' user to run the database server as. "
                    + "Run as an unprivileged user instead.")
        }
        return UnprivilegedUser(uid: entry.pointee.pw_uid, gid: entry.pointee.pw_gid)
    }

    /// `executable arguments` as this user: the `setpriv` command line.
    func command(_ executable: String, _ arguments: [String]) -> (String, [String]) {
        ("/usr/bin/setpriv", ["--reuid=\(uid)", "--regid=\(gid)", "--clear-groups", "--", executable] + arguments)
    }

    /// Hands a file or directory to this user.
    func own(_ path: String) {
        chown(path, uid, gid)
    }
}
