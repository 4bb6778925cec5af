import ArgumentParser

/// How `aurora-data exec` prints a result: `table` for people (default when stdout is a terminal), `json` for
/// programs (default otherwise), `csv` for spreadsheets.
enum OutputFormat: String, CaseIterable, Sendable, ExpressibleByArgument {
    case table
    case json
    case csv

    /// `table` on a terminal, `json` when stdout is a pipe or a file.
    static func `default`(stdoutIsTerminal: Bool) -> OutputFormat {
        stdoutIsTerminal ? .table : .json
    }
}
