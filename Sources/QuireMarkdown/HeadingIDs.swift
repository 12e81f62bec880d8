/// Stable, unique heading ids in GitHub's style: "Why 2 > 1?" → "why-2--1".
struct HeadingIDs {
    private var used: Set<String>

    /// `reserved` holds ids the page already uses (cmark's footnote ids are
    /// `fn-N`/`fnref-N`, so headings never take those).
    init(reserved: Set<String> = []) { used = reserved }

    /// An id the author chose (`{#sec-name}`); later generated ids avoid it.
    mutating func claim(_ id: String) -> String {
        used.insert(id)
        return id
    }

    mutating func make(from text: String) -> String {
        var base = Self.asciiBase(text) ?? ""
        if base.isEmpty {
            for character in text.lowercased() {
                if character.isLetter || character.isNumber || character == "_" || character == "-" {
                    base.append(character)
                } else if character == " " {
                    base.append("-")
                }
            }
        }
        if base.isEmpty { base = "section" }
        if base.hasPrefix("fn-") || base.hasPrefix("fnref-") { base = "section-" + base }
        var candidate = base
        var suffix = 0
        while used.contains(candidate) {
            suffix += 1
            candidate = "\(base)-\(suffix)"
        }
        used.insert(candidate)
        return candidate
    }

    /// The same id for ASCII text, byte by byte: most headings are ASCII,
    /// and asking each Character whether it is a letter was most of the cost.
    /// Nil for any other text.
    private static func asciiBase(_ text: String) -> String? {
        var bytes: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case 0x80...: return nil
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes.append(byte + 0x20)
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
                bytes.append(byte)
            case UInt8(ascii: " "): bytes.append(UInt8(ascii: "-"))
            default: continue
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
