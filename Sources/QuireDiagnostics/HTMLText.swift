/// The one escaper for text placed into markup: pages, SVG charts, feeds and
/// rewritten feed links all escape through here, each with its `Mode`.
/// Byte-level, and it returns its input untouched (no copy) when there is
/// nothing to escape, which is most text.
///
/// Why the modes differ — each keeps what its reader needs and nothing more:
/// - `html`: a page. Text and attribute values are escaped alike (the five
///   characters that can end either), so one call is right in both places.
///   C0 controls but tab, LF and CR become U+FFFD: NUL is a parse error and
///   ESC can reach a terminal through view-source or curl. Browsers read DEL
///   and C1 without complaint, so they stay.
/// - `htmlText`: a page's text between tags, where only `&` and `<` (and `>`,
///   kept for readers' sake) can be misread, so quotes stay as written. Code
///   blocks are escaped so: code is full of quotes, and `&quot;` is six bytes
///   for one.
/// - `attributeURL`: a URL the feed link rewriter writes back into an
///   attribute. Only `&` and both quotes, which is what makes a value safe in
///   any quoting; every other byte stays as the page had it, so rewriting is
///   idempotent and decoding (`AttributeValueText.decode`) gives the URL back.
/// - `xmlText`, `xmlAttribute`: a feed, read by strict XML parsers where one
///   raw control makes the whole document unreadable. Every character XML 1.0
///   forbids (C0 but tab, LF, CR) or discourages (DEL, C1, U+FFFE, U+FFFF)
///   becomes U+FFFD rather than vanish, which would join the words around it.
///   CR is written `&#13;` since a reader normalises a literal one to LF.
///   Between tags quotes stay, which keeps HTML carried as text
///   (`content:encoded`) a good deal smaller; in a (double-quoted) attribute
///   `"` is escaped and tab and LF are written as references, which a parser
///   would otherwise turn into spaces.
/// - `svg`: a chart's labels and attribute values, which are drawn rather than
///   read: tab, LF and CR become a space (a label is one line) and the other
///   characters XML forbids are dropped, since a U+FFFD box would be drawn.
package enum HTMLText {
    package enum Mode: Sendable {
        case html, htmlText, attributeURL, xmlText, xmlAttribute, svg
    }

    /// `text` escaped for a page (`Mode.html`), the common case.
    package static func escape(_ text: String) -> String { escape(text, for: .html) }

    package static func escape(_ text: String, for mode: Mode) -> String {
        var text = text
        return text.withUTF8 { bytes in
            guard let length = changedLength(of: bytes, for: mode) else { return nil as String? }
            return String(unsafeUninitializedCapacity: length) { writeEscaped(bytes, to: $0.baseAddress!, for: mode) }
        } ?? text
    }

    /// How many bytes `bytes` take escaped.
    package static func escapedLength(of bytes: UnsafeBufferPointer<UInt8>, for mode: Mode = .html) -> Int {
        changedLength(of: bytes, for: mode) ?? bytes.count
    }

    /// The escaped length of `bytes`, and the offsets of the bytes escaping may change
    /// (ascending): a writer that builds markup piece by piece (the code
    /// highlighter, token by token) copies the pieces holding none of them as they are.
    package static func escapePlan(of bytes: UnsafeBufferPointer<UInt8>, for mode: Mode) -> (length: Int, changes: [Int]) {
        let actions = EscapeTable.of(mode).actions
        var changes: [Int] = []
        var growth = 0
        var flagged: UInt8 = 0
        var index = 0
        while index < bytes.count {
            // Eight bytes at a time without a branch per byte, which is how nearly all text passes.
            if index + 8 <= bytes.count {
                var any: UInt8 = 0
                for offset in 0..<8 { any |= actions[Int(bytes[index + offset])].code }
                if any == 0 {
                    index += 8
                    continue
                }
            }
            let action = actions[Int(bytes[index])]
            if action.code != 0 {
                changes.append(index)
                growth += Int(action.growth)
                flagged |= action.code
            }
            index += 1
        }
        let length = flagged & EscapeTable.Action.checkScalar != 0 ? escapedLength(of: bytes, for: mode) : bytes.count + growth
        return (length, changes)
    }

    /// `bytes` escaped into `out`, which has room for `escapedLength(of:for:)` bytes; returns how many it wrote.
    /// For callers that build markup in one buffer (the code highlighter writes a whole block token by token).
    package static func writeEscaped(
        _ bytes: UnsafeBufferPointer<UInt8>, to out: UnsafeMutablePointer<UInt8>, for mode: Mode = .html
    ) -> Int {
        let table = EscapeTable.of(mode)
        let actions = table.actions
        var written = 0
        var runStart = 0
        var index = 0
        while index < bytes.count {
            let action = actions[Int(bytes[index])]
            guard action.code != 0, case (let replacement?, let consumed) = table.replacement(bytes, at: index, action) else {
                index += 1
                continue
            }
            // What stays is copied a run at a time: feeds escape whole pages.
            let run = index - runStart
            ByteCopy.copy(bytes.baseAddress! + runStart, to: out + written, count: run)
            written += run
            ByteCopy.copy(replacement.utf8Start, to: out + written, count: replacement.utf8CodeUnitCount)
            written += replacement.utf8CodeUnitCount
            index += consumed
            runStart = index
        }
        let run = bytes.count - runStart
        if run > 0 { ByteCopy.copy(bytes.baseAddress! + runStart, to: out + written, count: run) }
        return written + run
    }

    /// The escaped length, or nil when escaping changes nothing (a length
    /// alone cannot tell: SVG turns a tab into a space).
    private static func changedLength(of bytes: UnsafeBufferPointer<UInt8>, for mode: Mode) -> Int? {
        let table = EscapeTable.of(mode)
        let actions = table.actions
        // Branch-free over the bytes that stay, which is nearly all of them.
        var growth = 0
        var flagged: UInt8 = 0
        for byte in bytes {
            let action = actions[Int(byte)]
            growth &+= Int(action.growth)
            flagged |= action.code
        }
        guard flagged != 0 else { return nil }
        guard flagged & EscapeTable.Action.checkScalar != 0 else { return bytes.count + growth }
        // A lead byte of a scalar the mode may replace: count again, looking at those scalars.
        var length = 0
        var changed = false
        var index = 0
        while index < bytes.count {
            let (replacement, consumed) = table.replacement(bytes, at: index, actions[Int(bytes[index])])
            length += replacement?.utf8CodeUnitCount ?? consumed
            changed = changed || replacement != nil
            index += consumed
        }
        return changed ? length : nil
    }
}

/// One mode's rules as a table with an entry per byte value: escaping looks
/// each byte up once, and nearly every byte of any text is one that stays.
///
/// The tables live as long as the program and are never written after they
/// are made, hence raw pointers: a table is passed around without reference
/// counting, which the highlighter, escaping token by token, would pay for
/// every token.
private struct EscapeTable: @unchecked Sendable {
    struct Action: Sendable {
        /// 0: the byte stays. Otherwise `replaces` (its replacement is `replacements[byte]`)
        /// or `checkScalar` (it may lead a scalar the mode replaces).
        var code: UInt8 = 0
        /// How many bytes longer the replacement is (for `replaces`).
        var growth: Int8 = 0

        static let replaces: UInt8 = 1
        static let checkScalar: UInt8 = 2
    }

    let actions: UnsafePointer<Action>
    private let replacements: UnsafeMutablePointer<StaticString>
    /// What U+FFFE, U+FFFF and (with `replacesC1`) C1 controls become.
    private let unwantedScalar: StaticString
    private let replacesC1: Bool

    /// - Parameter replacement: what each byte becomes, nil where it stays.
    private init(unwantedScalar: StaticString?, replacesC1: Bool = false, _ replacement: (UInt8) -> StaticString?) {
        let actions = UnsafeMutablePointer<Action>.allocate(capacity: 256)
        actions.initialize(repeating: Action(), count: 256)
        let replacements = UnsafeMutablePointer<StaticString>.allocate(capacity: 256)
        replacements.initialize(repeating: "", count: 256)
        for byte in 0...255 {
            if let text = replacement(UInt8(byte)) {
                replacements[byte] = text
                actions[byte] = Action(code: Action.replaces, growth: Int8(text.utf8CodeUnitCount - 1))
            }
        }
        if unwantedScalar != nil {
            // U+FFFE and U+FFFF start with EF, C1 controls with C2.
            actions[0xEF].code = Action.checkScalar
            if replacesC1 { actions[0xC2].code = Action.checkScalar }
        }
        self.actions = UnsafePointer(actions)
        self.replacements = replacements
        self.unwantedScalar = unwantedScalar ?? ""
        self.replacesC1 = replacesC1
    }

    /// What the bytes at `index` become (nil: they stay) and how many they are.
    @inline(__always)
    func replacement(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, _ action: Action) -> (StaticString?, consumed: Int) {
        switch action.code {
        case 0: return (nil, 1)
        case Action.replaces: return (replacements[Int(bytes[index])], 1)
        default: return unwantedScalarLength(bytes, at: index, c1: replacesC1).map { (unwantedScalar, $0) } ?? (nil, 1)
        }
    }

    static func of(_ mode: HTMLText.Mode) -> EscapeTable {
        switch mode {
        case .html: html
        case .htmlText: htmlText
        case .attributeURL: attributeURL
        case .xmlText: xmlText
        case .xmlAttribute: xmlAttribute
        case .svg: svg
        }
    }

    /// C0 controls but tab, LF and CR become U+FFFD; DEL and C1 stay (see `HTMLText`).
    static let html = EscapeTable(unwantedScalar: nil) { byte in
        markupReference(byte) ?? (byte == UInt8(ascii: "'") ? "&#39;" : isC0Control(byte) ? "\u{FFFD}" : nil)
    }

    static let htmlText = EscapeTable(unwantedScalar: nil) { byte in
        byte == UInt8(ascii: "\"") ? nil : markupReference(byte) ?? (isC0Control(byte) ? "\u{FFFD}" : nil)
    }

    static let attributeURL = EscapeTable(unwantedScalar: nil) { byte in
        byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") ? nil : markupReference(byte) ?? (byte == UInt8(ascii: "'") ? "&#39;" : nil)
    }

    static let xmlText = xml(inAttribute: false)
    static let xmlAttribute = xml(inAttribute: true)

    /// `>` must be escaped at least after `]]`; escaping it always is simpler and just as valid.
    private static func xml(inAttribute: Bool) -> EscapeTable {
        EscapeTable(unwantedScalar: "\u{FFFD}", replacesC1: true) { byte in
            switch byte {
            case UInt8(ascii: "\""): inAttribute ? "&quot;" : nil
            case 13: "&#13;"
            case 9: inAttribute ? "&#9;" : nil
            case 10: inAttribute ? "&#10;" : nil
            case 0..<0x20, 0x7F: "\u{FFFD}"
            default: markupReference(byte)
            }
        }
    }

    static let svg = EscapeTable(unwantedScalar: "") { byte in
        switch byte {
        case UInt8(ascii: "'"): "&#39;"
        case 9, 10, 13: " "
        case 0..<0x20: ""
        default: markupReference(byte)
        }
    }
}

private func isC0Control(_ byte: UInt8) -> Bool { byte < 0x20 && byte != 9 && byte != 10 && byte != 13 }

private func markupReference(_ byte: UInt8) -> StaticString? {
    switch byte {
    case UInt8(ascii: "&"): "&amp;"
    case UInt8(ascii: "<"): "&lt;"
    case UInt8(ascii: ">"): "&gt;"
    case UInt8(ascii: "\""): "&quot;"
    default: nil
    }
}

/// The UTF-8 length of the scalar at `index` if it is U+FFFE, U+FFFF or (with
/// `c1`) a C1 control, else nil. The input is valid UTF-8 (it came from a
/// String), so a lead byte and its continuation bytes identify the scalar.
private func unwantedScalarLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, c1: Bool) -> Int? {
    let rest = bytes.count - index
    if c1, bytes[index] == 0xC2, rest >= 2, (0x80...0x9F).contains(bytes[index + 1]) { return 2 }
    if bytes[index] == 0xEF, rest >= 3, bytes[index + 1] == 0xBF, bytes[index + 2] == 0xBE || bytes[index + 2] == 0xBF {
        return 3
    }
    return nil
}
