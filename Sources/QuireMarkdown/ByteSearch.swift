import Foundation

extension UnsafeBufferPointer<UInt8> {
    /// Where `needle` first occurs at or after byte `start`, as byte offsets.
    /// Pages are searched as UTF-8 bytes: Foundation's `range(of:)` goes
    /// through UTF-16, and the stdlib's generic search compares `Character`s.
    func firstRange(of needle: String, from start: Int) -> Range<Int>? {
        guard start >= 0, start <= count, let base = baseAddress else { return nil }
        var needle = needle
        return needle.withUTF8 { needle -> Range<Int>? in
            guard let needleBase = needle.baseAddress, let first = needle.first, needle.count <= count - start else { return nil }
            let last = count - needle.count
            var index = start
            while index <= last {
                guard let hit = memchr(base + index, Int32(first), last - index + 1) else { return nil }
                index = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if memcmp(base + index, needleBase, needle.count) == 0 { return index..<(index + needle.count) }
                index += 1
            }
            return nil
        }
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
