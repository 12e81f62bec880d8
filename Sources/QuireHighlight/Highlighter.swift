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
            let plan = HTMLText.escapePlan(of: bytes, for: .htmlText)
            var length = plan.length
            for token in tokens {
                let tag = tagRanges[Int(token.kind.rawValue)]
                if !tag.isEmpty { length += tag.count + closeTag.utf8CodeUnitCount }
            }
            // Written straight into the string's storage: a block has thousands of tokens, and a String per token costs more than the tokenizing.
            return tagBytes.withUnsafeBufferPointer { tagBytes in
                String(unsafeUninitializedCapacity: length) { out in
                    var written = 0
                    var nextChange = 0
                    /// Most pieces hold nothing to escape, and are copied as they are.
                    func write(_ piece: Range<Int>) {
                        if nextChange < plan.changes.count, plan.changes[nextChange] < piece.upperBound {
                            written += HTMLText.writeEscaped(
                                UnsafeBufferPointer(rebasing: bytes[piece]), to: out.baseAddress! + written, for: .htmlText)
                            while nextChange < plan.changes.count, plan.changes[nextChange] < piece.upperBound { nextChange += 1 }
                        } else {
                            ByteCopy.copy(bytes.baseAddress! + piece.lowerBound, to: out.baseAddress! + written, count: piece.count)
                            written += piece.count
                        }
                    }
                    var index = 0
                    while index < tokens.count {
                        let token = tokens[index]
                        index += 1
                        let tag = tagRanges[Int(token.kind.rawValue)]
                        guard !tag.isEmpty else {
                            // Uncoloured tokens next to each other are written as one piece.
                            var end = token.range.upperBound
                            while index < tokens.count, tagRanges[Int(tokens[index].kind.rawValue)].isEmpty {
                                end = tokens[index].range.upperBound
                                index += 1
                            }
                            write(token.range.lowerBound..<end)
                            continue
                        }
                        ByteCopy.copy(tagBytes.baseAddress! + tag.lowerBound, to: out.baseAddress! + written, count: tag.count)
                        written += tag.count
                        write(token.range)
                        ByteCopy.copy(closeTag.utf8Start, to: out.baseAddress! + written, count: closeTag.utf8CodeUnitCount)
                        written += closeTag.utf8CodeUnitCount
                    }
                    return written
                }
            }
        }
    }
}
