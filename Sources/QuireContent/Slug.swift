/// URL-safe names for posts, tags and series.
package enum Slug {
    /// "Helical Representations: Part 2!" → "helical-representations-part-2".
    public static func make(from text: String) -> String {
        var slug = ""
        var pendingDash = false
        for scalar in text.lowercased().unicodeScalars {
            // "A newcomer's note" → "a-newcomers-note": apostrophes join, not split.
            if scalar == "'" || scalar == "\u{2019}" { continue }
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_" {
                if pendingDash, !slug.isEmpty { slug.append("-") }
                slug.unicodeScalars.append(scalar)
                pendingDash = false
            } else {
                pendingDash = true
            }
        }
        return slug.isEmpty ? "untitled" : slug
    }

    package static func isValid(_ slug: String) -> Bool {
        !slug.isEmpty && slug.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
    }
}
