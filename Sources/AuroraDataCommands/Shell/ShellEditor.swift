#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `\e`: the last statement (or a file) opened in the user's editor; what it saves is run.
struct ShellEditor {
    /// The shell command of the editor: `$VISUAL`, else `$EDITOR`, else `vi`, as psql and git choose.
    var command: String
    /// Where the statement's temporary file goes: `$TMPDIR`, else `/tmp`.
    var temporaryDirectory: String

    init(environment: [String: String]) {
        command = ["VISUAL", "EDITOR"].lazy.compactMap { environment[$0] }
            .first { !$0.trimmingWhitespace().isEmpty } ?? "vi"
        temporaryDirectory = environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    }

    /// Opens `path` (else a temporary `.sql` file holding `text`, removed afterwards) in the editor and returns what
    /// was saved; an error message when the file cannot be written or read or the editor fails.
    func edit(_ path: String?, text: String) throws(EditFailure) -> String {
        var temporary: String?
        if path == nil {
            let directory = temporaryDirectory
            var template = Array((directory + "/aurora-data-XXXXXX.sql").utf8CString)
            let descriptor = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, 4) }
            guard descriptor >= 0 else { throw EditFailure("cannot create a file in \(directory): \(String(cString: strerror(errno)))") }
            let body = text.isEmpty || text.hasSuffix("\n") ? text : text + "\n"
            let written = StandardError.writeAll(body, to: descriptor)
            close(descriptor)
            temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            guard written else {
                unlink(temporary!)
                throw EditFailure("cannot write \(temporary!)")
            }
        }
        let file = path ?? temporary!
        defer { if let temporary { unlink(temporary) } }
        guard let status = ShellSpawn.run(command + " \"$1\"", argument: file) else {
            throw EditFailure("cannot start the editor \(command)")
        }
        guard status == 0 else {
            throw EditFailure("the editor \(command) exited with status \(status); nothing was run")
        }
        guard var reader = ShellLineReader(path: file) else {
            throw EditFailure("\(file) cannot be read: \(String(cString: strerror(errno)))")
        }
        var lines: [String] = []
        while let line = reader.nextLine(prompt: "") { lines.append(line) }
        return lines.joined(separator: "\n")
    }

    struct EditFailure: Error {
        var message: String
        init(_ message: String) { self.message = message }
    }
}
