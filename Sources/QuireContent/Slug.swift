import Foundation

/// URL-safe names for posts, tags and series.
package enum Slug {
    /// "Helical Representations: Part 2!" → "helical-representations-part-2".
    /// Accented Latin letters lose their accents ("Über-Modell" → "uber-modell");
    /// letters and digits of other scripts stay as they are ("日本語",
    /// "한국어"), as Hugo and Jekyll keep them, so that two such names never
    /// share one page. `SiteURLs` percent-encodes them in links.
    public static func make(from text: String) -> String {
        var slug = ""
        var pendingDash = false
        // Decomposed, so that an accent is a mark of its own after its letter.
        var afterLatinLetter = false
        func append(_ scalars: String.UnicodeScalarView) {
            if pendingDash, !slug.isEmpty { slug.append("-") }
            slug.unicodeScalars.append(contentsOf: scalars)
            pendingDash = false
        }
        let lowered = text.lowercased()
        // Most names are ASCII, which decomposing leaves as it is (a build makes a slug per post).
        let ascii = lowered.utf8.allSatisfy { $0 < 0x80 }
        for scalar in (ascii ? lowered : lowered.decomposedStringWithCanonicalMapping).unicodeScalars {
            // "A newcomer's note" → "a-newcomers-note": apostrophes join, not split.
            if scalar == "'" || scalar == "\u{2019}" { continue }
            if scalar.isASCII {
                afterLatinLetter = ("a"..."z").contains(scalar)
                if afterLatinLetter || ("0"..."9").contains(scalar) || scalar == "_" {
                    append(String(scalar).unicodeScalars)
                } else {
                    pendingDash = true
                }
                continue
            }
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark:
                // An accent on a Latin letter goes; a mark in another script is part of its letter.
                if !afterLatinLetter, !slug.isEmpty, !pendingDash { slug.unicodeScalars.append(scalar) }
                continue
            default:
                break
            }
            if let folded = latinLetters[scalar] {
                append(folded.unicodeScalars)
                afterLatinLetter = true
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                append(String(scalar).unicodeScalars)
                afterLatinLetter = false
            } else {
                pendingDash = true
                afterLatinLetter = false
            }
        }
        return slug.isEmpty ? "untitled" : ascii ? slug : slug.precomposedStringWithCanonicalMapping
    }

    /// Latin letters that decomposing does not reduce to a-z and a mark.
    private static let latinLetters: [Unicode.Scalar: String] = [
        "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i", "ħ": "h", "ŋ": "ng",
    ]

    /// a-z, 0-9, '-' and '_', and the other scripts' letters and digits `make` keeps.
    package static func isValid(_ slug: String) -> Bool {
        !slug.isEmpty
            && slug.allSatisfy { character in
                guard let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1, scalar.isASCII else {
                    return make(from: String(character)) == String(character)
                }
                return ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_"
            }
    }
}
