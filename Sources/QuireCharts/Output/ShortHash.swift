/// FNV-1a (64-bit) over UTF-8: a short, stable fingerprint for file names
/// and id prefixes. Not for security; only to tell contents apart.
package enum ShortHash {
    static func fnv1a(_ parts: [String]) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for part in parts {
            for byte in part.utf8 {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01B3
            }
            // Separate the parts so ["ab", "c"] and ["a", "bc"] differ.
            hash ^= 0xFF
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// Eight lowercase hex digits.
    package static func short(_ parts: [String]) -> String {
        let value = fnv1a(parts) >> 32
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }
}
