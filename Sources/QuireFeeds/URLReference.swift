/// Resolution of a URL reference against a base URL, after RFC 3986 §5.
///
/// Works on the text as written (for AbsoluteLinks that is the raw attribute
/// value, entities and all): only the characters `:`, `/`, `?` and `#` and the
/// dot segments matter to resolution, so `&amp;` and percent-escapes pass
/// through untouched.
struct URLReference {
    var scheme: String?
    var authority: String?
    var path: String
    var query: String?
    var fragment: String?

    init(scheme: String?, authority: String?, path: String, query: String?, fragment: String?) {
        self.scheme = scheme
        self.authority = authority
        self.path = path
        self.query = query
        self.fragment = fragment
    }

    /// Splits `text` into its five components (RFC 3986 Appendix B).
    ///
    /// Every test and step is on UTF-8 bytes, never on Characters: a `/`, `?`
    /// or `#` followed by a combining mark is one Character, which would hide
    /// the delimiter from a Character comparison though a browser still sees it.
    init(parsing text: Substring) {
        var rest = text
        if let hash = rest.utf8.firstIndex(of: UInt8(ascii: "#")) {
            fragment = String(rest[rest.utf8.index(after: hash)...])
            rest = rest[..<hash]
        }
        if let mark = rest.utf8.firstIndex(of: UInt8(ascii: "?")) {
            query = String(rest[rest.utf8.index(after: mark)...])
            rest = rest[..<mark]
        }
        if let colon = rest.utf8.firstIndex(of: UInt8(ascii: ":")), Self.isScheme(rest[..<colon]) {
            scheme = String(rest[..<colon])
            rest = rest[rest.utf8.index(after: colon)...]
        }
        if rest.utf8.starts(with: "//".utf8) {
            let afterSlashes = rest[rest.utf8.index(rest.startIndex, offsetBy: 2)...]
            let end = afterSlashes.utf8.firstIndex(of: UInt8(ascii: "/")) ?? afterSlashes.endIndex
            authority = String(afterSlashes[..<end])
            rest = afterSlashes[end...]
        }
        path = String(rest)
    }

    init(parsing text: String) { self.init(parsing: text[...]) }

    /// Whether `text` starts with a scheme such as `https:`, `mailto:` or `data:`.
    static func hasScheme(_ text: Substring) -> Bool {
        guard let colon = text.utf8.firstIndex(of: UInt8(ascii: ":")) else { return false }
        return isScheme(text[..<colon])
    }

    private static func isScheme(_ candidate: Substring) -> Bool {
        guard let first = candidate.utf8.first, isASCIILetter(first) else { return false }
        return candidate.utf8.allSatisfy {
            isASCIILetter($0) || (0x30...0x39).contains($0) || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-")
                || $0 == UInt8(ascii: ".")
        }
    }

    var text: String {
        var out = ""
        if let scheme { out += scheme + ":" }
        if let authority { out += "//" + authority }
        out += path
        if let query { out += "?" + query }
        if let fragment { out += "#" + fragment }
        return out
    }

    /// The target of `reference` seen from `self` (RFC 3986 §5.2.2, strict).
    func resolving(_ reference: URLReference) -> URLReference {
        if reference.scheme != nil {
            return URLReference(
                scheme: reference.scheme, authority: reference.authority,
                path: Self.removingDotSegments(reference.path), query: reference.query, fragment: reference.fragment)
        }
        if reference.authority != nil {
            return URLReference(
                scheme: scheme, authority: reference.authority,
                path: Self.removingDotSegments(reference.path), query: reference.query, fragment: reference.fragment)
        }
        var target = URLReference(scheme: scheme, authority: authority, path: path, query: query, fragment: reference.fragment)
        if reference.path.isEmpty {
            if reference.query != nil { target.query = reference.query }
            return target
        }
        target.query = reference.query
        if reference.path.utf8.first == UInt8(ascii: "/") {
            target.path = Self.removingDotSegments(reference.path)
        } else {
            target.path = Self.removingDotSegments(merging(reference.path))
        }
        return target
    }

    /// RFC 3986 §5.2.3: the reference replaces the last segment of the base path.
    private func merging(_ relativePath: String) -> String {
        if authority != nil && path.isEmpty { return "/" + relativePath }
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return relativePath }
        return String(path[..<path.utf8.index(after: slash)]) + relativePath
    }

    /// RFC 3986 §5.2.4, on segments: "." disappears, ".." removes the segment
    /// before it and never climbs above the root. Segments are split on the
    /// `/` byte (see `init(parsing:)`).
    static func removingDotSegments(_ path: String) -> String {
        guard path.utf8.contains(UInt8(ascii: ".")) else { return path }
        let slash = UInt8(ascii: "/")
        let isAbsolute = path.utf8.first == slash
        var segments = path.utf8.split(separator: slash, omittingEmptySubsequences: false)
        if isAbsolute { segments.removeFirst() }
        var output: [Substring.UTF8View] = []
        for (index, segment) in segments.enumerated() {
            let isLast = index == segments.count - 1
            if segment.elementsEqual(".".utf8) {
                if isLast { output.append(""[...].utf8) }
            } else if segment.elementsEqual("..".utf8) {
                if !output.isEmpty { output.removeLast() }
                if isLast { output.append(""[...].utf8) }
            } else {
                output.append(segment)
            }
        }
        var joined: [UInt8] = isAbsolute ? [slash] : []
        for (index, segment) in output.enumerated() {
            if index > 0 { joined.append(slash) }
            joined.append(contentsOf: segment)
        }
        return String(decoding: joined, as: UTF8.self)
    }
}
