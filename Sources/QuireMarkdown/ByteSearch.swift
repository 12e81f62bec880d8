import Foundation

extension UnsafeBufferPointer<UInt8> {
    /// Where `needle` first occurs at or after byte `start`, as byte offsets.
    /// Pages are searched as UTF-8 bytes: Foundation's `range(of:)` goes
    /// through UTF-16, and the stdlib's generic search compares `Character`s.
    func firstRange(of needle: String, from start: Int) -> Range<Int>? {
        guard start >= 0, start <= count, let base = baseAddress else { return nil }
        var needle = needle
        return needle.withUTF8 { needle -> Range<Int>? in
            guard let needleBase = needle.baseAddress, !needle.isEmpty, needle.count <= count - start else { return nil }
            // memchr looks for the needle's least common byte in a page, not its
            // first: that is mostly "<", and a search stopped at every tag.
            let anchor = HTMLByteFrequency.rarest(in: needle)
            let anchorByte = Int32(needle[anchor])
            let last = count - needle.count
            var index = start
            while index <= last {
                guard let hit = memchr(base + index + anchor, anchorByte, last - index + 1) else { return nil }
                index = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) - anchor
                if memcmp(base + index, needleBase, needle.count) == 0 { return index..<(index + needle.count) }
                index += 1
            }
            return nil
        }
    }
}

/// How common a byte is in HTML made from prose: a rough order, enough to
/// pick a needle's rarest byte.
private enum HTMLByteFrequency {
    /// The most common bytes first; any other byte counts as rare.
    private static let rank: [UInt8] = {
        var rank = [UInt8](repeating: 0, count: 256)
        let common = Array(" etaoinsrhldcu<>\"=/pmfgwybv.,\n-k:;".utf8)
        for (position, byte) in common.enumerated() { rank[Int(byte)] = UInt8(common.count - position) }
        return rank
    }()

    /// The offset, among the first 16 of `needle`, of its least common byte.
    static func rarest(in needle: UnsafeBufferPointer<UInt8>) -> Int {
        var best = 0
        for offset in 0..<Swift.min(needle.count, 16) where rank[Int(needle[offset])] < rank[Int(needle[best])] { best = offset }
        return best
    }
}

extension String {
    /// Bytes `start..<end` as a slice: appending it copies bytes already known
    /// to be valid UTF-8, never decoding or checking them again. Both offsets
    /// must fall between characters (the callers cut at ASCII bytes).
    func utf8Slice(_ start: Int, _ end: Int) -> Substring {
        self[utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: end)]
    }
}
