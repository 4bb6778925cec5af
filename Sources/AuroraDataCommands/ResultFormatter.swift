#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import AuroraDataAPIModel

/// Renders an ExecuteStatement answer as a table, JSON or CSV.
///
/// A result set (columns known from `columnMetadata`, or rows present) prints its rows; a statement without one
/// prints `numberOfRecordsUpdated` (and `generatedFields` when there are any).
/// JSON rows are objects keyed by column label with typed values: numbers, booleans, `null`, strings; DECIMAL
/// stays a string (the Data API returns it as text), blobs are base64, arrays are JSON arrays — the mapping of
/// https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/data-api-json.html
struct ResultFormatter {
    var format: OutputFormat
    /// How table cells show values (see ``TableCells``).
    var cells: TableCells = .plain

    func render(_ response: ExecuteStatementResponse) -> String {
        let records = response.records ?? []
        let columns = response.columnMetadata ?? []
        guard !columns.isEmpty || !records.isEmpty else { return renderUpdate(response) }
        let width = max(columns.count, records.map(\.count).max() ?? 0)
        let labels = (0..<width).map { index in
            index < columns.count ? (columns[index].label ?? columns[index].name ?? "column\(index + 1)") : "column\(index + 1)"
        }
        switch format {
        case .json: return renderJSON(labels: labels, records: records)
        case .csv: return renderCSV(labels: labels, records: records)
        case .table: return renderTable(labels: labels, columns: columns, records: records)
        }
    }

    // MARK: - Statements without a result set

    private func renderUpdate(_ response: ExecuteStatementResponse) -> String {
        let count = response.numberOfRecordsUpdated ?? 0
        let generated = response.generatedFields ?? []
        switch format {
        case .json:
            var text = "{\"numberOfRecordsUpdated\":\(count)"
            if !generated.isEmpty {
                text += ",\"generatedFields\":[" + generated.map(\.jsonText).joined(separator: ",") + "]"
            }
            return text + "}\n"
        case .csv:
            var text = "numberOfRecordsUpdated" + (generated.isEmpty ? "" : ",generatedFields") + "\r\n\(count)"
            if !generated.isEmpty { text += "," + Self.csvCell(generated.map { Self.text($0) ?? "" }.joined(separator: " ")) }
            return text + "\r\n"
        case .table:
            var text = "\(count) row\(count == 1 ? "" : "s") updated"
            if !generated.isEmpty { text += "; generated: " + generated.map { Self.text($0) ?? "NULL" }.joined(separator: ", ") }
            return text + "\n"
        }
    }

    // MARK: - JSON

    private func renderJSON(labels: [String], records: [[Field]]) -> String {
        let keys = labels.map(JSONText.quoted)
        var text = "["
        for (rowIndex, row) in records.enumerated() {
            text += rowIndex == 0 ? "\n  {" : ",\n  {"
            for (index, field) in row.enumerated() {
                text += (index == 0 ? "" : ", ") + keys[index] + ": " + field.jsonText
            }
            text += "}"
        }
        return text + (records.isEmpty ? "]\n" : "\n]\n")
    }


    // MARK: - Text (table and CSV)

    /// The text of a value in a table or CSV cell; nil for SQL NULL.
    static func text(_ field: Field) -> String? {
        switch field {
        case .null: return nil
        case .bool(let value): return value ? "true" : "false"
        case .long(let value): return String(value)
        case .double(let value): return value.isFinite ? String(value) : JSONText.nonFiniteText(value)
        case .string(let value): return value
        case .blob(let bytes): return Data(bytes).base64EncodedString()
        case .array: return field.jsonText
        }
    }

    private func renderCSV(labels: [String], records: [[Field]]) -> String {
        var text = labels.map(Self.csvCell).joined(separator: ",") + "\r\n"
        for row in records {
            text += row.map { Self.csvCell(Self.text($0) ?? "") }.joined(separator: ",") + "\r\n"
        }
        return text
    }

    /// RFC 4180: quote cells holding a comma, quote, CR or LF (or leading/trailing spaces), doubling inner quotes.
    static func csvCell(_ text: String) -> String {
        let needsQuotes =
            text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
            || text.first == " " || text.last == " "
        guard needsQuotes else { return text }
        return "\"" + text.replacing("\"", with: "\"\"") + "\""
    }

    private func renderTable(labels: [String], columns: [ColumnMetadata], records: [[Field]]) -> String {
        let column = { (index: Int) in index < columns.count ? columns[index] : nil }
        let cells = records.map { row in
            row.enumerated().map { index, field in Self.tableCell(self.cells.text(field, column: column(index))) }
                + Array(repeating: "", count: max(0, labels.count - row.count))
        }
        let rightAligned = labels.indices.map { index in
            self.cells.rightAligned(column(index), values: records.compactMap { index < $0.count ? $0[index] : nil })
        }
        var widths = labels.map(\.count)
        for row in cells {
            for (index, cell) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], cell.count) }
        }
        func line(_ values: [String]) -> String {
            zip(values, zip(widths, rightAligned)).map { value, layout in
                let padding = String(repeating: " ", count: layout.0 - value.count)
                return layout.1 ? padding + value : value + padding
            }
            .joined(separator: " | ").trimmingTrailingSpaces() + "\n"
        }
        var text = line(labels)
        text += widths.map { String(repeating: "-", count: $0) }.joined(separator: "-+-") + "\n"
        for row in cells { text += line(row) }
        return text + "(\(records.count) row\(records.count == 1 ? "" : "s"))\n"
    }

    /// Control characters would break the layout: show them escaped.
    static func tableCell(_ text: String) -> String {
        guard text.contains(where: { $0.isNewline || $0 == "\t" }) else { return text }
        return text.replacing("\r\n", with: "\\n").replacing("\n", with: "\\n")
            .replacing("\r", with: "\\r").replacing("\t", with: "\\t")
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
