/// Decoding a whole result set into record types.
extension ResultSet {
    /// Decodes every row into `T`, matching properties to column labels.
    ///
    /// Column values convert as the Data API encodes them: DECIMAL text into `Decimal` (or `Double`/`String`),
    /// TIMESTAMP/DATE text into `Date` (UTC), TIME into ``DataAPITime``, BIGINT (also as text, also beyond Int64)
    /// into any integer type that holds it, `booleanValue` or 0/1 into `Bool`, blobs into `Data`/`[UInt8]`, UUID
    /// text into `UUID`, arrays into Swift arrays, JSON column text into nested Decodable types, NULL into Optionals.
    /// A result with a single column also decodes into a plain value (`[Int]` for `SELECT count(*)`).
    /// - Throws: `.decodingFailed` naming the row index, column and label, and what was found.
    public func decode<T: Decodable>(
        _ type: T.Type, options: RecordDecodingOptions = .init()
    ) throws(DataAPIError) -> [T] {
        if let recordType = type as? any RecordDecodable.Type {
            return try decodeRecords(recordType, as: type, options: options)
        }
        return try withDecoder(options: options) { decoder throws(DataAPIError) in
            try decodeRows(decoder) { () throws(DataAPIError) in try decoder.decodeRow(type) }
        }
    }

    /// Decodes every row through ``RecordDecodable/init(record:)``; `T` is `R`.
    private func decodeRecords<R: RecordDecodable, T>(
        _ recordType: R.Type, as type: T.Type, options: RecordDecodingOptions
    ) throws(DataAPIError) -> [T] {
        try withDecoder(options: options) { decoder throws(DataAPIError) in
            var cursor = RecordCursor(decoder: decoder, recordType: recordType, keys: R.recordKeys)
            let values = try decodeRows(decoder) { () throws(DataAPIError) in
                cursor.position = 0
                return try R(record: &cursor)
            }
            return RowDecoder.identity(values, as: [T].self)
        }
    }

    /// One value per row, each made in its array slot by `decodeRow` (called with `decoder.row` set): appending
    /// would copy it, since this code is not specialized for `T`. Stops at the first error.
    private func decodeRows<T>(
        _ decoder: RowDecoder, _ decodeRow: () throws(DataAPIError) -> T
    ) throws(DataAPIError) -> [T] {
        var failure: DataAPIError?
        let values = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            for row in 0..<count {
                decoder.row = row
                do throws(DataAPIError) {
                    (buffer.baseAddress! + row).initialize(to: try decodeRow())
                } catch {
                    failure = error
                    return
                }
                initialized += 1
            }
        }
        if let failure { throw failure }
        return values
    }

    /// Runs `body` with a decoder over this result set's bytes.
    func withDecoder<R>(
        options: RecordDecodingOptions, _ body: (RowDecoder) throws(DataAPIError) -> R
    ) throws(DataAPIError) -> R {
        let result = storage.bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(DataAPIError) in try body(RowDecoder(resultSet: self, buffer: buffer, options: options)) }
        }
        return try result.get()
    }
}
