import Crypto
import Foundation

/// SHA-256 in hex, over strings, bytes and whole files (read in pieces so a
/// large array is never held in memory to be hashed).
public enum ContentHash {
    public static func of(_ text: String) -> String {
        hex(SHA256.hash(data: Data(text.utf8)))
    }

    public static func ofFile(_ url: URL) -> String? {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        var hasher = SHA256()
        while true {
            let chunk: Data?
            do { chunk = try handle.read(upToCount: 8 << 20) } catch { return nil }
            // Foundation answers nil or empty data at the end of the file.
            guard let chunk, !chunk.isEmpty else { break }
            hasher.update(data: chunk)
        }
        return hex(hasher.finalize())
    }

    package static func hex(_ digest: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
