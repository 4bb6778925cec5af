import AuroraDataAPIModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The psql-like backslash commands of `aurora-data shell`.
enum ShellMetaCommand {
    static let help = """
        Meta-commands:
          \\dt              list tables
          \\d NAME          columns (type, nullability, default) and indexes of table NAME
          \\dn              list schemas
          \\l               list databases
          \\x [on|off]      expanded rows (one line per column)
          \\format FORMAT   output as table, json or csv
          \\pset null TEXT  how NULL shows in tables (default ∅, so the string 'NULL' stays NULL)
          \\timing [on|off] print each statement's time
          \\o [FILE]        send results to FILE (replaced); \\o alone: back to stdout
          \\begin           begin a Data API transaction (BEGIN / START TRANSACTION do the same)
          \\commit          commit it (COMMIT)
          \\rollback        roll it back (ROLLBACK)
          \\i FILE          run the statements and meta-commands of FILE
          \\e [FILE]        edit the last statement (or FILE) in $VISUAL, $EDITOR or vi, then run it
          \\?               this help
          \\q               quit
        """
}

extension ShellSession {
    /// Runs one meta-command line (`\name arguments`).
    func runMeta(_ line: String, at location: String) async throws(ShellStop) {
        let parts = line.dropFirst().split(maxSplits: 1, whereSeparator: \.isWhitespace)
        let name = parts.first.map(String.init) ?? ""
        let argument = parts.count > 1 ? String(parts[1]).trimmingWhitespace() : ""
        switch name {
        case "q", "quit":
            quit()
        case "?":
            emit(ShellMetaCommand.help + "\n")
        case "x":
            expanded = try toggle(expanded, argument, command: "\\x", at: location)
            output.message("Expanded display is \(expanded ? "on" : "off").\n")
        case "timing":
            timing = try toggle(timing, argument, command: "\\timing", at: location)
            output.message("Timing is \(timing ? "on" : "off").\n")
        case "o", "out":
            if let resultFile { close(resultFile) }
            resultFile = nil
            guard !argument.isEmpty else { break }
            let descriptor = open(argument, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                throw fail("\(argument) cannot be opened: \(String(cString: strerror(errno)))", at: location)
            }
            resultFile = descriptor
        case "pset":
            let words = argument.split(maxSplits: 1, whereSeparator: \.isWhitespace)
            guard words.first == "null", words.count == 2 else {
                throw fail("\\pset takes null TEXT (how NULL shows in tables)", at: location)
            }
            nullDisplay = String(words[1]).trimmingWhitespace().trimmingQuotes()
            output.message("Null display is \"\(nullDisplay)\".\n")
        case "format":
            guard let chosen = OutputFormat(rawValue: argument.lowercased()) else {
                throw fail("\\format takes table, json or csv", at: location)
            }
            format = chosen
        case "dt" where argument.isEmpty, "d" where argument.isEmpty:
            let catalog = ShellCatalog(engine: try await resolvedEngine(at: location))
            try await execute(catalog.tables, at: location)
        case "dn":
            let catalog = ShellCatalog(engine: try await resolvedEngine(at: location))
            try await execute(catalog.schemas, at: location)
        case "l":
            let catalog = ShellCatalog(engine: try await resolvedEngine(at: location))
            try await execute(catalog.databases, at: location)
        case "d":
            let catalog = ShellCatalog(engine: try await resolvedEngine(at: location))
            try await describe(argument, catalog: catalog, at: location)
        case "begin":
            try await begin(at: location)
        case "commit":
            try await commit(at: location)
        case "rollback":
            try await rollback(at: location)
        case "i", "include":
            guard !argument.isEmpty else { throw fail("\\i needs a file name", at: location) }
            guard var reader = ShellLineReader(path: argument) else {
                throw fail("\(argument) cannot be read", at: location)
            }
            try await runLines(&reader, source: argument)
        case "e", "edit":
            let text: String
            do { text = try editor.edit(argument.isEmpty ? nil : argument, text: lastStatement) }
            catch { throw fail(error.message, at: location) }
            var reader = ShellLineReader(text: text)
            try await runLines(&reader, source: argument.isEmpty ? "\\e" : argument)
        default:
            throw fail("invalid command \\\(name); \\? lists the commands", at: location)
        }
    }

    /// `on`, `off`, or nothing to switch.
    private func toggle(_ value: Bool, _ argument: String, command: String, at location: String) throws(ShellStop) -> Bool {
        switch argument.lowercased() {
        case "": return !value
        case "on": return true
        case "off": return false
        default: throw fail("\(command) takes on or off, not \(argument)", at: location)
        }
    }

    /// `\d NAME`: the columns, then the indexes; an unknown table is an error.
    private func describe(_ name: String, catalog: ShellCatalog, at location: String) async throws(ShellStop) {
        let (schema, table) = ShellCatalog.splitName(name)
        let parameters = [SqlParameter(name: "name", value: .string(name)), SqlParameter(name: "table", value: .string(table))]
            + (schema.map { [SqlParameter(name: "schema", value: .string($0))] } ?? [])
        let columns = try await query(catalog.columns(schemaGiven: schema != nil), parameters: parameters, at: location)
        guard !(columns.records ?? []).isEmpty else {
            throw fail("did not find any table named \(name)", at: location)
        }
        emit("Table \(name)\n" + render(columns))
        let indexes = try await query(catalog.indexes(schemaGiven: schema != nil), parameters: parameters, at: location)
        if !(indexes.records ?? []).isEmpty { emit("Indexes of \(name)\n" + render(indexes)) }
    }
}

extension String {
    /// `'text'` → `text`, as psql takes `\pset null '(null)'`.
    func trimmingQuotes() -> String {
        guard count >= 2, first == "'", last == "'" else { return self }
        return String(dropFirst().dropLast())
    }

    func trimmingWhitespace() -> String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
