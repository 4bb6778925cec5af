/// Writes bytes into a buffer of known size, for building strings in one allocation.
struct ByteWriter {
    private let output: UnsafeMutableBufferPointer<UInt8>
    private(set) var count = 0

    init(_ output: UnsafeMutableBufferPointer<UInt8>) {
        self.output = output
    }

    /// An array of at most `capacity` bytes, written by `body`.
    static func bytes(capacity: Int, _ body: (inout ByteWriter) -> Void) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
            var writer = ByteWriter(buffer)
            body(&writer)
            initialized = writer.count
        }
    }

    @inline(__always)
    mutating func write(_ byte: UInt8) {
        precondition(count < output.count, "ByteWriter capacity exceeded")
        output[count] = byte
        count += 1
    }

    mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, let destination = output.baseAddress, !bytes.isEmpty else { return }
        precondition(count + bytes.count <= output.count, "ByteWriter capacity exceeded")
        (destination + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    /// Lets `body` fill the next `count` bytes (all of them) in place.
    mutating func write(count: Int, _ body: (UnsafeMutableBufferPointer<UInt8>) -> Void) {
        precondition(count >= 0 && self.count + count <= output.count, "ByteWriter capacity exceeded")
        body(UnsafeMutableBufferPointer(rebasing: output[self.count..<(self.count + count)]))
        self.count += count
    }

    mutating func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { write($0) }
    }

    mutating func write(_ bytes: ArraySlice<UInt8>) {
        bytes.withUnsafeBufferPointer { write($0) }
    }

    mutating func write(_ text: String) {
        var text = text
        text.withUTF8 { write($0) }
    }

    mutating func write(_ text: StaticString) {
        write(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }
}
