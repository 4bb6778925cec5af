#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import AuroraDataAPIModel

extension Date: DataAPIParameterValue {
    /// A `TIMESTAMP` in UTC, `YYYY-MM-DD HH:MM:SS[.ffffff]`.
    /// - Throws: `invalidRequest` for dates outside the years 1...9999.
    public func dataAPIValue() throws(DataAPIError) -> DataAPIValue {
        DataAPIValue(.string(try DataAPIDateTime.formatTimestamp(self)), typeHint: .timestamp)
    }
}

extension DataAPITime: DataAPIParameterValue {
    /// A `TIME`, `HH:MM:SS[.f]`.
    public func dataAPIValue() throws(DataAPIError) -> DataAPIValue {
        DataAPIValue(.string(description), typeHint: .time)
    }
}

/// A calendar day bound with the `DATE` type hint (`YYYY-MM-DD`), for `DATE` columns; a plain `Date` is sent
/// as a `TIMESTAMP`.
///
/// Implements the `DATE` `typeHint` of https://docs.aws.amazon.com/rdsdataservice/latest/APIReference/API_SqlParameter.html
/// It is `Encodable` (as its `YYYY-MM-DD` text), so SQLKit can bind it too (AuroraSQLKit sends it with the hint).
public struct SQLDate: DataAPIParameterValue, Hashable, Encodable {
    /// The instant whose UTC calendar day is sent.
    public var date: Date

    /// The UTC calendar day of `date` (the time of day is dropped).
    public init(_ date: Date) {
        self.date = date
    }

    /// - Throws: `invalidRequest` for dates outside the years 1...9999.
    public func dataAPIValue() throws(DataAPIError) -> DataAPIValue {
        DataAPIValue(.string(try DataAPIDateTime.formatDate(date)), typeHint: .date)
    }
}

extension SQLDate {
    /// The day as `YYYY-MM-DD` text.
    /// - Throws: `EncodingError.invalidValue` for dates outside the years 1...9999.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        do {
            try container.encode(try DataAPIDateTime.formatDate(date))
        } catch let error as DataAPIError {
            throw EncodingError.invalidValue(date, .init(codingPath: encoder.codingPath, debugDescription: error.message))
        }
    }
}
