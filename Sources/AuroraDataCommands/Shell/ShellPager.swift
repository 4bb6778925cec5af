#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Results on a terminal: a result taller than the screen goes to `$PAGER` (default `less -S`, none when `PAGER`
/// is set empty); otherwise table rows wider than the screen are cut at its width with `…`.
struct ShellPager {
    /// The shell command line of the pager; nil: never page.
    var command: String?
    /// The terminal results go to.
    var descriptor: Int32 = STDOUT_FILENO

    /// `$PAGER`: unset is `less -S`; empty turns paging off.
    init(environment: [String: String], descriptor: Int32 = STDOUT_FILENO) {
        let pager = environment["PAGER"] ?? "less -S"
        command = pager.trimmingWhitespace().isEmpty ? nil : pager
        self.descriptor = descriptor
    }

    /// The terminal's rows and columns (TIOCGWINSZ); nil when it is not a terminal or does not say.
    static func size(of descriptor: Int32) -> (rows: Int, columns: Int)? {
        var size = winsize()
        guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0, size.ws_col > 0 else { return nil }
        return (Int(size.ws_row), Int(size.ws_col))
    }

    /// Shows `text`: through the pager when taller than the screen (less the prompt's line), else with lines cut
    /// to its width when `cut`. Returns the text to print, or nil when the pager showed it.
    func fit(_ text: String, cut: Bool) -> String? {
        guard let (rows, columns) = Self.size(of: descriptor) else { return text }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let height = lines.count - (text.hasSuffix("\n") ? 1 : 0)
        if let command, height > rows - 1, run(command, text) { return nil }
        guard cut, lines.contains(where: { $0.count > columns }) else { return text }
        return lines.map { $0.count > columns ? $0.prefix(max(1, columns - 1)) + "…" : $0 }.joined(separator: "\n")
    }

    /// Runs the pager with `text` on its stdin; false when it could not start (exit 127).
    private func run(_ command: String, _ text: String) -> Bool {
        guard let status = ShellSpawn.run(command, input: text) else { return false }
        return status != 127
    }
}
