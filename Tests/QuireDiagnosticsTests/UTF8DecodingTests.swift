import Testing

@testable import QuireDiagnostics

/// Text made in pieces must be the text `String(decoding:as:)` makes of the
/// bytes whole, ill-formed bytes and all, and checked in pieces must be
/// what `String(validating:as:)` says of them whole.
@Suite struct UTF8DecodingTests {
    /// Both ways: repairing as `String(decoding:as:)`, and checking as `String(validating:as:)`.
    func same(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            let pieces = UTF8Decoding.string(buffer)
            let whole = String(decoding: buffer, as: UTF8.self)
            let checked = UTF8Decoding.validated(buffer)
            let checkedWhole = String(validating: buffer, as: UTF8.self)
            return pieces == whole && Array(pieces.utf8) == Array(whole.utf8) && checked == checkedWhole
                && checked.map { Array($0.utf8) } == checkedWhole.map { Array($0.utf8) }
        }
    }

    @Test func edgesAndIllFormedBytes() {
        let long = Array(String(repeating: "<p>plain text</p>\n", count: 10).utf8)
        let cases: [[UInt8]] = [
            [], Array("ascii only".utf8), Array("↩".utf8), long + Array("↩".utf8), Array("↩".utf8) + long,
            long + Array("é".utf8) + long + Array("—·".utf8) + Array("x".utf8) + Array("日本".utf8) + long,
            long + [0xE2, 0x86] + long, long + [0x80] + long, long + [0xFF, 0xFE] + Array("a".utf8), [0xC3] + long + [0xA9],
            long + Array("e".utf8) + Array("\u{301}".utf8) + long, Array(repeating: 0xE2, count: 200), long + [0xF0, 0x9F, 0x98],
        ]
        for bytes in cases { #expect(same(bytes), "\(bytes.count) bytes") }
    }

    @Test func randomMostlyASCIIText() {
        var generator = SystemRandomNumberGenerator()
        let pieces: [[UInt8]] = [
            Array("a".utf8), Array(" ".utf8), Array("<span>".utf8), Array("é".utf8), Array("—".utf8), Array("↩".utf8),
            Array("😀".utf8), [0x80], [0xE2, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xC0, 0xAF],
        ]
        for _ in 0..<2000 {
            var bytes: [UInt8] = []
            let length = Int.random(in: 0..<400, using: &generator)
            while bytes.count < length {
                let ascii = Int.random(in: 0..<10, using: &generator) < 8
                bytes +=
                    ascii
                    ? Array(repeating: UInt8.random(in: 0x20..<0x7F, using: &generator), count: Int.random(in: 1..<90, using: &generator))
                    : pieces.randomElement(using: &generator)!
            }
            #expect(same(bytes), "\(bytes)")
        }
    }
}
