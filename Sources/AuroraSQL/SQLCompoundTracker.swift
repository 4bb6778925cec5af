/// Follows the nesting of compound-statement bodies so that the `;` inside them does not end the statement.
///
/// MySQL (Reference Manual 15.6, "Compound Statement Syntax"; the stored-program rule of Flyway's MySQL parser):
/// in `CREATE [OR REPLACE] [DEFINER = …] [AGGREGATE] {PROCEDURE | FUNCTION | TRIGGER | EVENT}` and in MariaDB's
/// `BEGIN NOT ATOMIC`, `BEGIN` and `CASE` open a level and `END` closes one; `END IF`, `END LOOP`, `END REPEAT`,
/// `END WHILE` and `END FOR` close nothing, `END CASE` closes the `CASE`; labels (`lbl: BEGIN … END lbl`) are
/// plain words, and a statement may start with one (`lbl: BEGIN NOT ATOMIC … END lbl`). PostgreSQL (docs "CREATE FUNCTION", SQL-standard bodies, 14+): in `CREATE [OR REPLACE]
/// {FUNCTION | PROCEDURE}`, `BEGIN ATOMIC` and `CASE` open a level and `END` closes one.
struct SQLCompoundTracker {
    private enum Detection: Equatable {
        case start, afterCreate, afterOr, afterDefiner(remaining: Int), afterBegin, afterBeginNot
        /// MySQL: a first word that may be a label, then its `:`.
        case afterFirstWord, afterLabel
        case compound, plain
    }

    let dialect: SQLDialect
    private var detection = Detection.start
    /// How many bodies are open.
    private(set) var depth = 0
    private var previousWord: String?

    init(dialect: SQLDialect) {
        self.dialect = dialect
    }

    /// Whether the statement is a stored program or routine with a body the tracker follows.
    var isCompound: Bool { detection == .compound }

    /// Whether `consume` still looks at words: false once the statement is known not to have a body.
    var followsWords: Bool { detection != .plain }

    /// The pseudo-word the reader passes for a `:` token (labels end with one).
    static let colon = ":"

    /// Takes the next significant token: `word` is its uppercased text when it is a short word, ``colon`` for a
    /// `:`, else nil.
    mutating func consume(word: String?) {
        defer { previousWord = word }
        if detection != .compound {
            detect(word)
            return
        }
        guard let word else { return }
        switch (dialect, word) {
        case (.mysql, "BEGIN"):
            depth += 1
        case (.postgresql, "ATOMIC") where previousWord == "BEGIN":
            depth += 1
        case (_, "CASE") where !(dialect == .mysql && previousWord == "END"):
            depth += 1
        case (_, "END"):
            depth = max(0, depth - 1)
        case (.mysql, "IF"), (.mysql, "LOOP"), (.mysql, "REPEAT"), (.mysql, "WHILE"), (.mysql, "FOR"):
            if previousWord == "END" { depth += 1 }  // `END IF` closes no level: undo the `END`
        default:
            break
        }
    }

    private func isRoutineKind(_ word: String) -> Bool {
        switch word {
        case "PROCEDURE", "FUNCTION": return true
        case "TRIGGER", "EVENT": return dialect == .mysql
        default: return false
        }
    }

    private mutating func detect(_ word: String?) {
        switch (detection, word) {
        case (.start, "CREATE"?): detection = .afterCreate
        case (.start, "BEGIN"?) where dialect == .mysql: detection = .afterBegin
        case (.start, let word?) where dialect == .mysql && word != Self.colon: detection = .afterFirstWord
        case (.afterFirstWord, Self.colon?): detection = .afterLabel
        case (.afterLabel, "BEGIN"?): detection = .afterBegin
        case (.afterBegin, "NOT"?): detection = .afterBeginNot
        case (.afterBeginNot, "ATOMIC"?):
            detection = .compound
            depth = 1
        case (.afterCreate, "OR"?): detection = .afterOr
        case (.afterOr, "REPLACE"?): detection = .afterCreate
        case (.afterCreate, "DEFINER"?) where dialect == .mysql: detection = .afterDefiner(remaining: 8)
        case (.afterCreate, "AGGREGATE"?) where dialect == .mysql: detection = .afterCreate
        case (.afterCreate, let word?) where isRoutineKind(word): detection = .compound
        case (.afterDefiner, let word?) where isRoutineKind(word): detection = .compound
        case (.afterDefiner, "AGGREGATE"?): detection = .afterCreate
        case (.afterDefiner, "VIEW"?), (.afterDefiner(remaining: 0), _): detection = .plain
        case (.afterDefiner(let remaining), _): detection = .afterDefiner(remaining: remaining - 1)
        default: detection = .plain
        }
    }
}
