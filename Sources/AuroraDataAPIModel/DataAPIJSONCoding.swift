#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The JSON coders for Data API bodies written or read with `Codable` (requests on the client side; requests and
/// responses in the local endpoint).
///
/// JSON numbers cannot hold NaN or the infinities, so the AWS JSON protocols send a non-finite `double` as one of
/// the strings `"NaN"`, `"Infinity"`, `"-Infinity"`
/// (https://smithy.io/2.0/aws/protocols/aws-restjson1-protocol.html, "Shape serialization"). These coders use the
/// same spellings, so a `Double.nan` parameter travels as `{"doubleValue":"NaN"}` and reads back as NaN.
public enum DataAPIJSONCoding {
    /// A `JSONEncoder` that writes non-finite doubles as the AWS spellings.
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return encoder
    }

    /// A `JSONDecoder` that reads the AWS spellings of non-finite doubles.
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return decoder
    }
}
