import QuireDiagnostics

/// Makes the links in a post's HTML absolute, for feeds: a feed reader shows
/// the HTML away from the site, where a relative link would point nowhere.
public enum AbsoluteLinks {
    /// Rewrites relative URLs in href, src, srcset, poster attributes of `html` against `base` (the page's absolute URL, ending in "/").
    /// Absolute URLs, `mailto:`, `data:`, and pure fragments (`#fn1`) become absolute too where that matters for feeds: a fragment becomes base + fragment.
    ///
    /// URLs with a scheme (`https:`, `mailto:`, `data:`, …), empty values and
    /// values holding a named character reference other than `&amp; &lt; &gt;
    /// &quot; &apos;` are kept exactly as written. Rewritten values keep `&amp;`.
    public static func rewrite(_ html: String, base: String) -> String {
        let baseURL = URLReference(parsing: sanitized(base))
        return HTMLAttributeRewriter.rewrite(html, attributes: ["href", "src", "poster", "srcset"]) { attribute, rawValue in
            guard let value = AttributeValueText.decode(rawValue) else { return nil }
            let rewritten = attribute == "srcset" ? rewriteSrcset(value, against: baseURL) : resolve(value, against: baseURL)
            return rewritten.map { HTMLText.escape($0, for: .attributeURL) }
        }
    }

    /// The absolute form of one URL, or nil to keep it as it is.
    static func resolve(_ value: String, against base: URLReference) -> String? {
        let trimmed = value.trimmingHTMLWhitespace()
        guard !trimmed.isEmpty, !URLReference.hasScheme(trimmed) else { return nil }
        return base.resolving(URLReference(parsing: trimmed)).text
    }

    /// Rewrites each image candidate's URL in a `srcset`, keeping its width or
    /// density descriptor and the separators as written; nil if none changed.
    /// Candidates are split as the HTML standard does: a URL runs to the next
    /// white space, so commas inside a URL (`data:` URIs) are safe.
    static func rewriteSrcset(_ value: String, against base: URLReference) -> String? {
        let bytes = Array(value.utf8)
        var out: [UInt8] = []
        var changed = false
        var index = 0
        while index < bytes.count {
            while index < bytes.count, isHTMLWhitespace(bytes[index]) || bytes[index] == UInt8(ascii: ",") {
                out.append(bytes[index])
                index += 1
            }
            guard index < bytes.count else { break }
            let urlStart = index
            while index < bytes.count, !isHTMLWhitespace(bytes[index]) { index += 1 }
            var urlEnd = index
            // A URL ending in commas ends the candidate; those commas are separators.
            while urlEnd > urlStart, bytes[urlEnd - 1] == UInt8(ascii: ",") { urlEnd -= 1 }
            let url = String(decoding: bytes[urlStart..<urlEnd], as: UTF8.self)
            if let resolved = resolve(url, against: base) {
                out.append(contentsOf: resolved.utf8)
                changed = true
            } else {
                out.append(contentsOf: url.utf8)
            }
            out.append(contentsOf: bytes[urlEnd..<index])
            if urlEnd < index { continue }
            // Descriptors run to the next comma outside parentheses.
            var depth = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "(") { depth += 1 }
                if byte == UInt8(ascii: ")") { depth = max(0, depth - 1) }
                if byte == UInt8(ascii: ","), depth == 0 { break }
                out.append(byte)
                index += 1
            }
        }
        return changed ? String(decoding: out, as: UTF8.self) : nil
    }

    /// The base with quotes, angle brackets and white space (never valid in a
    /// URL anyway) percent-encoded and control characters dropped, so a
    /// careless `base_url` cannot break out of an attribute.
    private static func sanitized(_ base: String) -> String {
        var out = ""
        for scalar in base.trimmingHTMLWhitespace().unicodeScalars {
            switch scalar {
            case "\"": out += "%22"
            case "'": out += "%27"
            case "<": out += "%3C"
            case ">": out += "%3E"
            case " ", "\t", "\n", "\r", "\u{0C}": out += "%20"
            default:
                if scalar.value >= 0x20 && scalar.value != 0x7F { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}

extension String {
    /// Without the ASCII white space HTML ignores around URLs. The bounds are
    /// found on UTF-8 bytes, so a combining mark after a space stays in.
    func trimmingHTMLWhitespace() -> Substring {
        let bytes = utf8
        guard let first = bytes.firstIndex(where: { !isHTMLWhitespace($0) }),
            let last = bytes.lastIndex(where: { !isHTMLWhitespace($0) })
        else { return "" }
        return self[first..<bytes.index(after: last)]
    }
}
