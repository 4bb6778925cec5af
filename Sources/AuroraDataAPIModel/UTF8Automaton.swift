/// The UTF-8 well-formedness rules (Unicode Standard, Table 3-7) as a finite automaton whose state is a bit offset:
/// one table lookup and one shift per byte, no branches on the byte's value.
///
/// `transitions[byte]` holds, at bit offset `6 * s`, the offset of the state that follows state `s` on that byte;
/// the next state is `(transitions[byte] >> state) & 63`.
enum UTF8Automaton {
    /// Between scalars.
    static let accept: UInt64 = 0
    /// Not UTF-8 (and stays so).
    static let reject: UInt64 = 6

    /// The states: after a complete scalar, rejected, then the ones inside a sequence by what they still need.
    private enum State: UInt64, CaseIterable {
        case accept, reject
        /// One more continuation byte (80...BF).
        case one
        /// Two more continuation bytes.
        case two
        /// After E0: A0...BF, then one more.
        case afterE0
        /// After ED: 80...9F (no surrogates), then one more.
        case afterED
        /// After F0: 90...BF, then two more.
        case afterF0
        /// After F1...F3: 80...BF, then two more.
        case afterF1toF3
        /// After F4: 80...8F (at most U+10FFFF), then two more.
        case afterF4

        func next(_ byte: UInt8) -> State {
            switch self {
            case .accept:
                switch byte {
                case 0x00...0x7F: return .accept
                case 0xC2...0xDF: return .one
                case 0xE0: return .afterE0
                case 0xE1...0xEC, 0xEE...0xEF: return .two
                case 0xED: return .afterED
                case 0xF0: return .afterF0
                case 0xF1...0xF3: return .afterF1toF3
                case 0xF4: return .afterF4
                default: return .reject
                }
            case .reject: return .reject
            case .one: return (0x80...0xBF).contains(byte) ? .accept : .reject
            case .two: return (0x80...0xBF).contains(byte) ? .one : .reject
            case .afterE0: return (0xA0...0xBF).contains(byte) ? .one : .reject
            case .afterED: return (0x80...0x9F).contains(byte) ? .one : .reject
            case .afterF0: return (0x90...0xBF).contains(byte) ? .two : .reject
            case .afterF1toF3: return (0x80...0xBF).contains(byte) ? .two : .reject
            case .afterF4: return (0x80...0x8F).contains(byte) ? .two : .reject
            }
        }
    }

    /// The offset in `text` of the first sequence that is not UTF-8 (or that the text ends inside of); the count
    /// when all of it is UTF-8. For error messages: it stops at the first failure.
    static func firstInvalidSequence(_ text: UnsafeBufferPointer<UInt8>) -> Int {
        var state = accept
        var sequenceStart = 0
        for (offset, byte) in text.enumerated() {
            if state == accept { sequenceStart = offset }
            state = (transitions[Int(byte)] >> state) & 63
            if state == reject { return sequenceStart }
        }
        return state == accept ? text.count : sequenceStart
    }

    static let transitions: [UInt64] = (0...255).map { byte in
        State.allCases.reduce(0) { row, state in
            row | (state.next(UInt8(byte)).rawValue * 6) << (state.rawValue * 6)
        }
    }
}
