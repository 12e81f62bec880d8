import Testing

@testable import QuireDiagnostics

@Suite struct ByteCopyTests {
    /// Every length the overlapping loads handle and a few past them, at every
    /// offset of an 8-byte word, copies exactly `count` bytes: nothing before or after is touched.
    @Test func copiesExactlyCountBytesAtAnyAlignment() {
        let source = (0..<80).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        for count in 0...40 {
            for offset in 0..<8 {
                var destination = [UInt8](repeating: 0xEE, count: 96)
                source.withUnsafeBufferPointer { from in
                    destination.withUnsafeMutableBufferPointer { to in
                        ByteCopy.copy(from.baseAddress! + offset, to: to.baseAddress! + offset + 3, count: count)
                    }
                }
                let expected =
                    [UInt8](repeating: 0xEE, count: offset + 3) + source[offset..<(offset + count)]
                    + [UInt8](repeating: 0xEE, count: 96 - offset - 3 - count)
                #expect(destination == expected, "count \(count), offset \(offset)")
            }
        }
    }
}
