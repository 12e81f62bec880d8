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
        var base = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber || character == "_" || character == "-" {
                base.append(character)
            } else if character == " " {
                base.append("-")
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
}
