/// Text from UTF-8 bytes, as `String(decoding:as:)` makes it (ill-formed
/// bytes become U+FFFD) or `String(validating:as:)` checks it, but quicker
/// for text that is mostly ASCII.
///
/// Swift checks every byte as it makes a String. Bytes that are all ASCII it
/// checks eight at a time; one byte above 127 anywhere (a footnote's "↩" in a
/// rendered page) and it decodes every byte one by one, ten times slower. So
/// long ASCII stretches are made into text apart, the fast way, and the rest
/// (non-ASCII bytes, with the short ASCII gaps between them) the usual way.
/// Pieces meet only before an ASCII byte, which always starts a character of
/// its own, so the joined text is the one decoding the bytes whole gives.
package enum UTF8Decoding {
    /// ASCII stretches shorter than this stay in the slow piece around them:
    /// each piece is a string of its own, and many small ones cost more than
    /// decoding them slowly.
    static let shortestFastStretch = 64

    package static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        pieces(bytes) { String(decoding: $0, as: UTF8.self) }!
    }

    /// The text when the bytes are well-formed UTF-8, as `String(validating:as:)`; nil otherwise.
    package static func validated(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        pieces(bytes) { String(validating: $0, as: UTF8.self) }
    }

    private static func pieces(_ bytes: UnsafeBufferPointer<UInt8>, _ decode: (UnsafeBufferPointer<UInt8>) -> String?) -> String? {
        guard let base = bytes.baseAddress, var slowFrom = firstNonASCII(bytes, from: 0) else { return decode(bytes) }
        var text = ""
        text.reserveCapacity(bytes.count)
        var failed = false
        func append(_ range: Range<Int>) {
            guard !failed else { return }
            guard let piece = decode(UnsafeBufferPointer(start: base + range.lowerBound, count: range.count)) else {
                failed = true
                return
            }
            text += piece
        }
        // Bytes before `pending` are in `text`; from `pending` to `slowFrom` are ASCII.
        var pending = 0
        while true {
            var slowStart = slowFrom
            if slowFrom - pending >= shortestFastStretch { append(pending..<slowFrom) } else { slowStart = pending }
            // The slow piece runs on through non-ASCII bytes and short ASCII gaps.
            var end = slowFrom
            var next: Int?
            while true {
                while end < bytes.count, bytes[end] >= 0x80 { end += 1 }
                next = firstNonASCII(bytes, from: end)
                let gapEnd = next ?? bytes.count
                guard gapEnd - end < shortestFastStretch else { break }
                end = gapEnd
                if next == nil { break }
            }
            append(slowStart..<end)
            pending = end
            guard let found = next else { break }
            slowFrom = found
        }
        if pending < bytes.count { append(pending..<bytes.count) }
        return failed ? nil : text
    }

    /// The first byte above 127 from `start` on: eight bytes at a time.
    static func firstNonASCII(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        var index = start
        while index + 8 <= bytes.count, raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
            index += 8
        }
        while index < bytes.count {
            if bytes[index] >= 0x80 { return index }
            index += 1
        }
        return nil
    }
}
