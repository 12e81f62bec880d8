import CCmarkGFM
import Foundation
import QuireDiagnostics

/// Prose as a reader reads it, taken from the syntax tree rather than the
/// page: charts and tables (directives), code blocks, math, raw HTML, images
/// and footnote marks are not prose, and a footnote counts once though
/// sidenotes show it twice.
enum ProseWords {
    /// Words under `root`. A word is a run without white space holding a
    /// letter or a digit, so a dash or a citation's leftover full stop is
    /// none; inline code and math are not words; an inline value counts as one.
    static func count(in root: OpaquePointer) -> Int {
        var counter = WordCounter()
        walk(root) { piece in
            switch piece {
            case .text(let literal): counter.read(literal)
            case .code, .gap: counter.gap()
            }
        }
        return counter.count
    }

    /// A paragraph's text as HTML text (escaped), inline code included and
    /// footnote marks left out, with its tokens (inline values, math,
    /// citations) still in place for the caller to fill.
    static func textHTML(of paragraph: OpaquePointer) -> String {
        var html = ""
        walk(paragraph) { piece in
            switch piece {
            case .text(let literal), .code(let literal): html += HTMLText.escape(String(cString: literal))
            case .gap: html += " "
            }
        }
        return collapsingWhitespace(html)
    }

    /// Runs of spaces, tabs and line feeds as one space, none at either end.
    static func collapsingWhitespace(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var pendingSpace = false
            for (index, byte) in bytes.enumerated() {
                // "\r\n" is one character, and not a line feed.
                let separates = byte == 0x20 || byte == 0x09 || (byte == 0x0A && (index == 0 || bytes[index - 1] != 0x0D))
                if separates {
                    pendingSpace = !out.isEmpty
                    continue
                }
                if pendingSpace { out.append(0x20) }
                pendingSpace = false
                out.append(byte)
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Literals as cmark holds them: most are only counted, so no `String` is made.
    enum Piece {
        case text(UnsafePointer<CChar>)
        case code(UnsafePointer<CChar>)
        /// Where one block, line or non-prose element ends and another begins.
        case gap
    }

    static func walk(_ root: OpaquePointer, _ visit: (Piece) -> Void) {
        var insideImage = 0
        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let kind = CMark.type(node)
            if kind == CMARK_NODE_IMAGE {
                insideImage += event == CMARK_EVENT_ENTER ? 1 : -1
                continue
            }
            if insideImage > 0 || joinsWords(node) { continue }
            if event == CMARK_EVENT_ENTER, kind == CMARK_NODE_TEXT {
                if let literal = cmark_node_get_literal(node) { visit(.text(literal)) }
            } else if event == CMARK_EVENT_ENTER, kind == CMARK_NODE_CODE {
                if let literal = cmark_node_get_literal(node) { visit(.code(literal)) }
            } else {
                visit(.gap)
            }
        }
    }

    /// Inline containers (emphasis, links, strikethrough) sit inside a word:
    /// `re*read*` is one.
    static func joinsWords(_ node: OpaquePointer) -> Bool {
        let kind = CMark.type(node)
        return kind == CMARK_NODE_EMPH || kind == CMARK_NODE_STRONG || kind == CMARK_NODE_LINK || kind == CMark.strikethrough
    }

    /// Counts words as text streams past. Each protected span's token counts
    /// as what it stands for: an inline value as one letter (it is one word,
    /// or part of one, as `{{x}}%`), math and citations as a space.
    struct WordCounter {
        private(set) var count = 0
        /// 1 when the word being read has been counted: white space and gaps end a word.
        /// A number, not a Bool, so that ASCII is read without a branch per byte
        /// (a mispredicted one at every word boundary was most of the cost).
        private var counted: UInt64 = 0

        mutating func gap() { counted = 0 }

        /// A NUL-terminated UTF-8 literal; ASCII is taken byte by byte, the rest decoded.
        mutating func read(_ literal: UnsafePointer<CChar>) {
            let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(literal).assumingMemoryBound(to: UInt8.self), count: strlen(literal))
            var index = 0
            while index < bytes.count {
                let lead = bytes[index]
                if lead < 0x80 {
                    // A run of ASCII, with the state in locals rather than read and written through `self`:
                    // eight bytes at a time while they are all ASCII, then byte by byte.
                    var (count, counted) = (self.count, self.counted)
                    while index + 8 <= bytes.count {
                        let word = UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self))
                        guard word & Self.highBits == 0 else { break }
                        Self.read(eightASCIIBytes: word, count: &count, counted: &counted)
                        index += 8
                    }
                    guard index < bytes.count else {
                        (self.count, self.counted) = (count, counted)
                        break
                    }
                    var byte = bytes[index]
                    if byte >= 0x80 {
                        (self.count, self.counted) = (count, counted)
                        continue
                    }
                    repeat {
                        let whitespace = Self.asciiClass(byte, Self.asciiWhitespace)
                        let letterOrDigit = Self.asciiClass(byte, Self.asciiLetterOrDigit)
                        count &+= Int(truncatingIfNeeded: letterOrDigit & ~counted & 1)
                        counted = (counted | letterOrDigit) & ~whitespace & 1
                        index += 1
                        guard index < bytes.count else { break }
                        byte = bytes[index]
                    } while byte < 0x80
                    (self.count, self.counted) = (count, counted)
                    continue
                }
                let (scalar, length) = Self.decode(bytes, at: index)
                index += length
                if scalar == ProtectedSpans.open.unicodeScalars.first {
                    // A token: its kind letter, digits, maybe filler lines, then the close mark.
                    // One left open at the end of the literal (a line break inside it) counts as nothing.
                    let kind = index < bytes.count ? bytes[index] : 0
                    while index < bytes.count {
                        let (inner, innerLength) = Self.decode(bytes, at: index)
                        index += innerLength
                        guard inner == ProtectedSpans.close.unicodeScalars.first else { continue }
                        if kind == UInt8(ascii: "V") { take(whitespace: false, letterOrDigit: true) } else { gap() }
                        break
                    }
                } else {
                    take(whitespace: scalar.properties.isWhitespace, letterOrDigit: Self.isLetterOrDigit(scalar))
                }
            }
        }

        private static let ones: UInt64 = 0x0101_0101_0101_0101
        private static let highBits: UInt64 = 0x8080_8080_8080_8080

        /// Eight ASCII bytes (byte i in bits 8i…8i+7) read as the byte loop
        /// reads them, without a step per byte: each byte's class is tested
        /// in all eight at once, the classes are gathered into 8-bit masks,
        /// and a letter or digit starts a word when no letter or digit comes
        /// before it in its run of non-white-space (`counted` stands for one
        /// just before the first byte).
        @inline(__always)
        static func read(eightASCIIBytes word: UInt64, count: inout Int, counted: inout UInt64) {
            let letters = inRange(word | 0x2020_2020_2020_2020, 0x61, 0x7A)
            let letterOrDigit = mask(letters | inRange(word, 0x30, 0x39))
            let whitespace = mask(inRange(word, 0x09, 0x0D) | inRange(word, 0x20, 0x20))
            // Bit 0 is the state before the first byte, bits 1…8 the bytes.
            let inRun = (~whitespace & 0xFF) << 1 | 1
            let starts = letterOrDigit << 1 | counted
            // Whether a letter or digit comes earlier in the same run, by doubling the distance looked back.
            var earlier = starts << 1 & inRun
            var wholeRun = inRun
            earlier |= earlier << 1 & wholeRun
            wholeRun &= wholeRun << 1
            earlier |= earlier << 2 & wholeRun
            wholeRun &= wholeRun << 2
            earlier |= earlier << 4 & wholeRun
            count &+= (letterOrDigit << 1 & ~earlier).nonzeroBitCount
            counted = ((starts | earlier) & inRun) >> 8 & 1
        }

        /// The high bit of each byte of `word` (all below 0x80) that is in `low…high`.
        @inline(__always)
        private static func inRange(_ word: UInt64, _ low: UInt64, _ high: UInt64) -> UInt64 {
            // No sum passes 0xFF, so no byte carries into the next.
            (word &+ (0x80 - low) &* ones) & ~(word &+ (0x7F - high) &* ones) & highBits
        }

        /// The high bits of the eight bytes as bits 0…7.
        @inline(__always)
        private static func mask(_ highBitsSet: UInt64) -> UInt64 {
            ((highBitsSet >> 7) &* 0x0102_0408_1020_4080) >> 56
        }

        private mutating func take(whitespace: Bool, letterOrDigit: Bool) {
            if whitespace {
                counted = 0
            } else if counted == 0, letterOrDigit {
                count += 1
                counted = 1
            }
        }

        /// ASCII classes as 128-bit masks (low word: bytes 0–63), read without a table lookup.
        private static let asciiWhitespace: (UInt64, UInt64) = (1 << 32 | 0b11111 << 9, 0)
        private static let asciiLetterOrDigit: (UInt64, UInt64) = (0x3FF << 48, 0x3FF_FFFF << 1 | 0x3FF_FFFF << 33)

        /// 1 when `byte` is in the class, else 0.
        private static func asciiClass(_ byte: UInt8, _ mask: (UInt64, UInt64)) -> UInt64 {
            let word = byte < 64 ? mask.0 : mask.1
            return word >> UInt64(byte & 63) & 1
        }

        private static func isLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
            scalar.properties.isAlphabetic || scalar.properties.numericType != nil
        }

        /// The scalar starting at `index` (cmark validated the UTF-8; a stray byte reads as U+FFFD).
        private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int) {
            var iterator = bytes[index...].makeIterator()
            var decoder = UTF8()
            guard case .scalarValue(let scalar) = decoder.decode(&iterator) else { return ("\u{FFFD}", 1) }
            return (scalar, UTF8.width(scalar))
        }
    }
}
