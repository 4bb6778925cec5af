import AuroraDataAPIModel

/// `formatRecordsAs: JSON`: the result set as one JSON text, an array of objects keyed by column label in
/// column order. Values keep the JSON type of their `Field` (the database layer has already applied
/// `resultSetOptions`): longs and doubles are numbers, booleans booleans, text strings, blobs base64 strings,
/// arrays arrays, NULL null. ("Processing query results in JSON format",
/// https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/data-api-json.html)
enum FormattedRecords {
    static func json(records: [[Field]], columns: [ColumnMetadata]) throws(DataAPIError) -> String {
        let labels = columns.map { $0.label ?? $0.name ?? "" }
        var seen = Set<String>()
        for label in labels where !seen.insert(label).inserted {
            throw DataAPIError(
                code: .unsupportedResult,
                message: "The result set has more than one column labelled \"\(label)\", which formatRecordsAs JSON "
                    + "cannot represent. Give each column a unique alias (AS name)."
            )
        }
        let keys = labels.map(JSONText.quoted)
        var out = "["
        for (rowIndex, row) in records.enumerated() {
            if rowIndex > 0 { out += "," }
            out += "{"
            for (index, field) in row.enumerated() where index < keys.count {
                if index > 0 { out += "," }
                out += keys[index]
                out += ":"
                out += field.jsonText
            }
            out += "}"
        }
        out += "]"
        return out
    }
}
