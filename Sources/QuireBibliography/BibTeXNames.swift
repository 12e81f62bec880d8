import Foundation

/// BibTeX's name lists: names joined by `and` (outside braces), each written
/// "First von Last", "von Last, First" or "von Last, Jr, First"; a name wholly
/// in braces is an organisation; `and others` means "et al.".
enum BibTeXNames {
    static func parse(_ tex: String) -> (names: [PersonName], more: Bool) {
        var names: [PersonName] = []
        var more = false
        for part in split(tex, onWord: "and") {
            let trimmed = part.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { continue }
            if trimmed == "others" {
                more = true
                continue
            }
            names.append(name(trimmed))
        }
        return (names, more)
    }

    /// Splits at a whole word (case-insensitive) or a comma at brace depth 0.
    static func split(_ text: String, onWord word: String? = nil) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "{" { depth += 1 }
            if character == "}" { depth -= 1 }
            if depth == 0 {
                if let word, character.isWhitespace {
                    let rest = characters[(index + 1)...]
                    if rest.prefix(word.count).map({ $0.lowercased() }).joined() == word,
                        rest.dropFirst(word.count).first?.isWhitespace == true
                    {
                        parts.append(current)
                        current = ""
                        index += word.count + 2
                        continue
                    }
                } else if word == nil, character == "," {
                    parts.append(current)
                    current = ""
                    index += 1
                    continue
                }
            }
            current.append(character)
            index += 1
        }
        parts.append(current)
        return parts
    }

    static func name(_ tex: String) -> PersonName {
        if tex.hasPrefix("{"), tex.hasSuffix("}"), isOneGroup(tex) {
            return .organization(TeXText.plain(tex))
        }
        let commaParts = split(tex).map { $0.trimmingCharacters(in: .whitespaces) }
        if commaParts.count >= 2 {
            let (particle, family) = vonLast(words(commaParts[0]))
            let suffix = commaParts.count >= 3 ? TeXText.plain(commaParts[1]) : ""
            let given = TeXText.plain(commaParts[commaParts.count >= 3 ? 2 : 1])
            return PersonName(family: family, given: given, particle: particle, suffix: suffix)
        }
        let all = words(tex)
        guard all.count > 1 else { return PersonName(family: all.first.map(TeXText.plain) ?? "") }
        // "First von Last": the von part starts at the first lowercase word before the last.
        let firstLower = all.dropLast().firstIndex(where: isLowercaseWord)
        let givenWords = all[..<(firstLower ?? all.count - 1)]
        let (particle, family) = vonLast(Array(all[(firstLower ?? all.count - 1)...]))
        return PersonName(family: family, given: givenWords.map(TeXText.plain).joined(separator: " "), particle: particle)
    }

    /// "von der Last" → ("von der", "Last"); the last word is always the family name.
    static func vonLast(_ words: [String]) -> (String, String) {
        guard let lastLower = words.dropLast().lastIndex(where: isLowercaseWord) else {
            return ("", words.map(TeXText.plain).joined(separator: " "))
        }
        return (
            words[...lastLower].map(TeXText.plain).joined(separator: " "),
            words[(lastLower + 1)...].map(TeXText.plain).joined(separator: " ")
        )
    }

    static func isLowercaseWord(_ word: String) -> Bool {
        // Braced words ({Van} Gogh) count as capitalised, as in BibTeX.
        guard let first = word.first, first != "{" else { return false }
        return first.isLowercase
    }

    /// Words at brace depth 0.
    static func words(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        var depth = 0
        for character in text {
            if character == "{" { depth += 1 }
            if character == "}" { depth -= 1 }
            if depth == 0, character.isWhitespace || character == "~" {
                if !current.isEmpty { result.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    /// "{A B}" but not "{A} {B}".
    static func isOneGroup(_ text: String) -> Bool {
        var depth = 0
        for (offset, character) in text.enumerated() {
            if character == "{" { depth += 1 }
            if character == "}" { depth -= 1 }
            if depth == 0, offset < text.count - 1 { return false }
        }
        return true
    }
}
