#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import AuroraDataAPIModel

// Conformances of standard library and FoundationEssentials types; the table is on `DataAPIParameterValue`.

extension Int: DataAPIParameterValue {
    public func dataAPIValue() throws(DataAPIError) -> DataAPIValue { DataAPIValue(.long(Int64(self))) }
}

extension Int8: DataAPIParameterValue {
    public func dataAPIValue() throws(DataAPIError) -> DataAPIValue { DataAPIValue(.long(Int64(self))) }
}

extension Int16: DataAPIParameterValue {
    public func dataAPIValue() throws(DataAPIError) -> DataAPIValue { DataAPIValue(.long(Int64(self))) }
}

extension Int32: DataAPIParameterValue {
    public func dataAPIValue() throws(DataAPIError) -> DataAPIValue { DataAPIValue(.long(Int64(self))) }
}

extension Int64: DataAPIParameterValue {
    public func dataAPIValue() throws(DataAPIError) -> DataAPIValue { DataAPIValue(.long(self)) }
}

extension UInt8: DataAPIParameterValue {
    public func dataAPIValue() throws(DataAPIError) -> DataAPIValue { DataAPIValue(.long(Int64(self))) }
}

extension UInt16: DataAPIParameterValue {
    public func dataAPIValue() throws(DataAPIError) -> DataAPIValue { DataAPIValue(.long(Int64(self))) }
}

extension UInt32: DataAPIParameterValue {
    public func dataAPIValue() throws(DataAPIError) -> DataAPIValue { DataAPIValue(.long(Int64(self))) }
}

extension UInt64: DataAPIParameterValue {
    /// `longValue` is a signed 64-bit integer: values above `Int64.max` are refused rather than wrapped.
    public func dataAPIValue() throws(DataAPIError) -> DataAPIValue {
        guard let value = Int64(exactly: self) else {
            throw DataAPIError(
                code: .invalidRequest,
                message: "\(self) does not fit the Data API's signed 64-bit longValue; bind it as a Decimal "
                    + "(sent as a DECIMAL string) instead"
            )
        }
        return DataAPIValue(.long(value))
    }
}

extension UInt: DataAPIParameterValue {
    public func dataAPIValue() throws(DataAPIError) -> DataAPIValue { try UInt64(self).dataAPIValue() }
}

extension Double: DataAPIParameterValue {
    public func dataAPIValue() throws(DataAPIError) -> DataAPIValue { DataAPIValue(.double(self)) }
}

extension Float: DataAPIParameterValue {
    public func dataAPIValue() throws(DataAPIError) -> DataAPIValue { DataAPIValue(.double(Double(self))) }
}

extension Bool: DataAPIParameterValue {
    public func dataAPIValue() throws(DataAPIError) -> DataAPIValue { DataAPIValue(.bool(self)) }
}

extension String: DataAPIParameterValue {
    public func dataAPIValue() throws(DataAPIError) -> DataAPIValue { DataAPIValue(.string(self)) }
}

extension Substring: DataAPIParameterValue {
    public func dataAPIValue() throws(DataAPIError) -> DataAPIValue { DataAPIValue(.string(String(self))) }
}

extension Decimal: DataAPIParameterValue {
    /// Sent as text with the `DECIMAL` hint so no precision is lost on the way.
    public func dataAPIValue() throws(DataAPIError) -> DataAPIValue {
        DataAPIValue(.string(description), typeHint: .decimal)
    }
}

extension UUID: DataAPIParameterValue {
    public func dataAPIValue() throws(DataAPIError) -> DataAPIValue {
        DataAPIValue(.string(uuidString.lowercased()), typeHint: .uuid)
    }
}

extension Data: DataAPIParameterValue {
    public func dataAPIValue() throws(DataAPIError) -> DataAPIValue { DataAPIValue(.blob([UInt8](self))) }
}

extension Optional: DataAPIParameterValue where Wrapped: DataAPIParameterValue {
    /// `nil` is SQL NULL (`{"isNull": true}`).
    public func dataAPIValue() throws(DataAPIError) -> DataAPIValue {
        switch self {
        case .none: return DataAPIValue(.null)
        case .some(let value): return try value.dataAPIValue()
        }
    }
}

extension Array: DataAPIParameterValue where Element: DataAPIParameterValue {
    /// `[UInt8]` is a blob; every other array is refused because the Data API does not accept array
    /// parameters ("Array parameters are not supported", ExecuteStatement and BatchExecuteStatement).
    public func dataAPIValue() throws(DataAPIError) -> DataAPIValue {
        if let bytes = self as? [UInt8] { return DataAPIValue(.blob(bytes)) }
        throw DataAPIError(
            code: .invalidRequest,
            message: "The Data API does not accept array parameters; bind each element separately "
                + "(e.g. IN (:a, :b)) or pass one string and cast it in SQL (PostgreSQL: CAST(:ids AS int[]) "
                + "with '{1,2,3}')"
        )
    }
}
