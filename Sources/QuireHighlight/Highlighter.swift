import QuireDiagnostics

/// Code coloured at build time: `<span class="hl-…">` around the pieces a
/// reader tells apart, escaped for HTML; the page's CSS gives the colours.
package enum Highlighter {
    /// Whether `language` (a fence's info-string word) has a rule table.
    package static func knows(_ language: String) -> Bool {
        Languages.named(language) != nil
    }

    /// The code's tokens, nil for a language without a table.
    package static func tokens(of code: String, language: String) -> [Token]? {
        guard let table = Languages.named(language) else { return nil }
        var code = code
        return code.withUTF8 { Array(Tokenizer.tokens(of: $0, in: table)) }
    }

    /// Every kind's opening tag, padded to three words so it is written with
    /// three stores whatever its length (`<span class="k">` is 16 bytes,
    /// `<span class="kc">` 17); zero length for the uncoloured kinds.
    struct OpenTag {
        var words: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var count = 0
    }

    static let openTags: [OpenTag] = TokenKind.allCases.map { kind in
        var tag = OpenTag()
        guard let cssClass = kind.cssClass else { return tag }
        let bytes = Array("<span class=\"\(cssClass)\">".utf8)
        precondition(bytes.count <= MemoryLayout<(UInt64, UInt64, UInt64)>.size, "an opening tag longer than three words")
        withUnsafeMutableBytes(of: &tag.words) { $0.copyBytes(from: bytes) }
        tag.count = bytes.count
        return tag
    }
    /// `</span>` and a zero byte, written as one word.
    static let closeTag: UInt64 = "</span>\0".utf8.reversed().reduce(0) { $0 << 8 | UInt64($1) }.littleEndian
    static let closeTagCount = 7
    /// Room past the end for the widest store: a tag's three words, or a piece's two.
    static let slack = 24

    /// The code as HTML for inside `<code>`, nil for a language without a table.
    public static func html(_ code: String, language: String) -> String? {
        guard let table = Languages.named(language) else { return nil }
        var code = code
        return code.withUTF8 { bytes in
            let tokens = Tokenizer.tokens(of: bytes, in: table)
            let plan = HTMLText.escapePlan(of: bytes, for: .htmlText)
            return openTags.withUnsafeBufferPointer { openTags in
                var length = plan.length
                for index in 0..<tokens.count {
                    let tag = openTags[Int(tokens.unchecked(index).kind.rawValue)].count
                    if tag != 0 { length += tag + closeTagCount }
                }
                // Written straight into the string's storage: a block has thousands of tokens, and a String per token costs more than the tokenizing.
                return String(unsafeUninitializedCapacity: length + slack) { out in
                    var writer = Writer(code: bytes, plan: plan, out: out.baseAddress!)
                    var index = 0
                    while index < tokens.count {
                        let token = tokens.unchecked(index)
                        index += 1
                        let tag = openTags[Int(token.kind.rawValue)]
                        guard tag.count != 0 else {
                            // Uncoloured tokens next to each other are written as one piece.
                            var end = token.range.upperBound
                            while index < tokens.count, openTags[Int(tokens.unchecked(index).kind.rawValue)].count == 0 {
                                end = tokens.unchecked(index).range.upperBound
                                index += 1
                            }
                            writer.write(token.range.lowerBound..<end)
                            continue
                        }
                        writer.write(tag)
                        writer.write(token.range)
                        writer.writeCloseTag()
                    }
                    return writer.written
                }
            }
        }
    }

    /// Writes a block's HTML into a buffer with `slack` bytes of room past
    /// its end, so tags and short pieces are written a word at a time.
    private struct Writer {
        let code: UnsafeBufferPointer<UInt8>
        let plan: (length: Int, changes: [Int])
        let out: UnsafeMutablePointer<UInt8>
        var written = 0
        var nextChange = 0

        init(code: UnsafeBufferPointer<UInt8>, plan: (length: Int, changes: [Int]), out: UnsafeMutablePointer<UInt8>) {
            self.code = code
            self.plan = plan
            self.out = out
        }

        @inline(__always)
        mutating func write(_ tag: OpenTag) {
            let to = UnsafeMutableRawPointer(out + written)
            to.storeBytes(of: tag.words.0, as: UInt64.self)
            to.storeBytes(of: tag.words.1, toByteOffset: 8, as: UInt64.self)
            to.storeBytes(of: tag.words.2, toByteOffset: 16, as: UInt64.self)
            written += tag.count
        }

        @inline(__always)
        mutating func writeCloseTag() {
            UnsafeMutableRawPointer(out + written).storeBytes(of: Highlighter.closeTag, as: UInt64.self)
            written += Highlighter.closeTagCount
        }

        /// Most pieces hold nothing to escape, and are copied as they are.
        @inline(__always)
        mutating func write(_ piece: Range<Int>) {
            if nextChange < plan.changes.count, plan.changes[nextChange] < piece.upperBound {
                written += HTMLText.writeEscaped(UnsafeBufferPointer(rebasing: code[piece]), to: out + written, for: .htmlText)
                while nextChange < plan.changes.count, plan.changes[nextChange] < piece.upperBound { nextChange += 1 }
            } else if piece.count <= 16, piece.lowerBound + 16 <= code.count {
                // Two words copied whatever the piece's length: the bytes past it are overwritten next.
                let from = UnsafeRawPointer(code.baseAddress! + piece.lowerBound)
                let to = UnsafeMutableRawPointer(out + written)
                to.storeBytes(of: from.loadUnaligned(as: UInt64.self), as: UInt64.self)
                to.storeBytes(of: from.loadUnaligned(fromByteOffset: 8, as: UInt64.self), toByteOffset: 8, as: UInt64.self)
                written += piece.count
            } else {
                ByteCopy.copy(code.baseAddress! + piece.lowerBound, to: out + written, count: piece.count)
                written += piece.count
            }
        }
    }
}
