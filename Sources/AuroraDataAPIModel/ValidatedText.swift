/// Strings made from text the JSON reader has already validated as UTF-8, without the standard library
/// validating it a second time (its check was about a sixth of decoding a text-heavy response).
///
/// Only text of ``JSONReader`` cells comes here: string contents it validated (``JSONReader/readString()``), and
/// their unescaped form, which is UTF-8 too (escapes decode to whole scalars; lone surrogates are refused).
/// The unchecked constructor is exercised under the address sanitizer by `Tests/ModelSanitizer`, and the result
/// is compared with Foundation's reading of the same text by `FastPathTests`.
enum ValidatedText {
    /// A String of `text`, which must be valid UTF-8.
    static func string(_ text: UnsafeBufferPointer<UInt8>) -> String {
        guard !text.isEmpty else { return "" }
        let span = Span(_unsafeElements: text)
        return String(copying: UTF8Span(unchecked: span))
    }

    /// The unescaped text of validated string content (see ``JSONReader/unescape(_:)``).
    static func unescaped(_ content: UnsafeBufferPointer<UInt8>) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: content.count) { buffer in
            let count = JSONReader.unescape(content, into: buffer)
            return string(UnsafeBufferPointer(rebasing: buffer[..<count]))
        }
    }
}
