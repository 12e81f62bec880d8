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
        return code.withUTF8 { Tokenizer.tokens(of: $0, in: table) }
    }

    /// Every kind's opening tag (empty for the uncoloured kinds), end to end, and where each one is.
    static let openTags: (bytes: [UInt8], ranges: [Range<Int>]) = TokenKind.allCases.reduce(into: ([], [])) { tags, kind in
        let tag = kind.cssClass.map { Array("<span class=\"\($0)\">".utf8) } ?? []
        tags.ranges.append(tags.bytes.count..<(tags.bytes.count + tag.count))
        tags.bytes += tag
    }
    static let closeTag: StaticString = "</span>"

    /// The code as HTML for inside `<code>`, nil for a language without a table.
    public static func html(_ code: String, language: String) -> String? {
        guard let table = Languages.named(language) else { return nil }
        var code = code
        return code.withUTF8 { bytes in
            let tokens = Tokenizer.tokens(of: bytes, in: table)
            let (tagBytes, tagRanges) = Self.openTags
            let closeTag = Self.closeTag
            var length = HTMLText.escapedLength(of: bytes, for: .htmlText)
            for token in tokens {
                let tag = tagRanges[Int(token.kind.rawValue)]
                if !tag.isEmpty { length += tag.count + closeTag.utf8CodeUnitCount }
            }
            // Written straight into the string's storage: a block has thousands of tokens, and a String per token costs more than the tokenizing.
            return tagBytes.withUnsafeBufferPointer { tagBytes in
                String(unsafeUninitializedCapacity: length) { out in
                    var written = 0
                    var index = 0
                    while index < tokens.count {
                        let token = tokens[index]
                        index += 1
                        let tag = tagRanges[Int(token.kind.rawValue)]
                        guard !tag.isEmpty else {
                            // Uncoloured tokens next to each other are escaped as one piece.
                            var end = token.range.upperBound
                            while index < tokens.count, tagRanges[Int(tokens[index].kind.rawValue)].isEmpty {
                                end = tokens[index].range.upperBound
                                index += 1
                            }
                            let piece = UnsafeBufferPointer(rebasing: bytes[token.range.lowerBound..<end])
                            written += HTMLText.writeEscaped(piece, to: out.baseAddress! + written, for: .htmlText)
                            continue
                        }
                        (out.baseAddress! + written).update(from: tagBytes.baseAddress! + tag.lowerBound, count: tag.count)
                        written += tag.count
                        written += HTMLText.writeEscaped(
                            UnsafeBufferPointer(rebasing: bytes[token.range]), to: out.baseAddress! + written, for: .htmlText)
                        (out.baseAddress! + written).update(from: closeTag.utf8Start, count: closeTag.utf8CodeUnitCount)
                        written += closeTag.utf8CodeUnitCount
                    }
                    return written
                }
            }
        }
    }
}
