import AuroraDataAPIModel

/// `\x` output: one block per row, one `column | value` line per column, as psql's expanded display.
enum ShellExpandedFormatter {
    static func render(_ response: ExecuteStatementResponse, cells: TableCells) -> String {
        let columns = response.columnMetadata ?? []
        let records = response.records ?? []
        let labels = columns.enumerated().map { index, column in column.label ?? column.name ?? "column\(index + 1)" }
        let width = labels.map(\.count).max() ?? 0
        guard !records.isEmpty else { return "(0 rows)\n" }
        var text = ""
        for (rowIndex, row) in records.enumerated() {
            text += "-[ RECORD \(rowIndex + 1) ]" + String(repeating: "-", count: max(0, width - 8)) + "\n"
            for (index, field) in row.enumerated() {
                let label = index < labels.count ? labels[index] : "column\(index + 1)"
                let value = ResultFormatter.tableCell(cells.text(field, column: index < columns.count ? columns[index] : nil))
                text += label + String(repeating: " ", count: width - label.count) + " | " + value + "\n"
            }
        }
        return text
    }
}
