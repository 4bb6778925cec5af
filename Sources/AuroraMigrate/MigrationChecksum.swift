import Crypto

/// SHA-256 checksums of scripts, as lower-case hex.
public enum MigrationChecksum {
    /// SHA-256 of the UTF-8 bytes of `text`, as 64 lower-case hex digits.
    public static func sha256Hex(_ text: String) -> String {
        hex(SHA256.hash(data: Array(text.utf8)))
    }

    /// One SHA-256 over every file's name and normalized text, in version order: changes whenever any script
    /// is added, removed, renamed or edited (line endings and a BOM excepted). A CloudFormation resource carries it
    /// so that a script change makes CloudFormation send an `Update`.
    public static func scriptsHash(_ files: [MigrationScriptFile]) -> String {
        var hasher = SHA256()
        for file in files {
            // Length-prefixed so that no two different file sets produce the same byte stream.
            let name = Array(file.fileName.utf8)
            let text = Array(file.text.utf8)
            hasher.update(data: Array("\(name.count):".utf8) + name + Array("\n\(text.count):".utf8) + text + [0x0A])
        }
        return hex(hasher.finalize())
    }

    private static func hex(_ digest: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
