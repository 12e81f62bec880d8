import Foundation

/// BibTeX field text (TeX) → plain Unicode: accents (`{\"o}`, `\'e`, `\v{c}`),
/// special letters (`{\ss}`, `\o`, `\ae`), escaped specials (`\&`), dashes,
/// ties, and case-protecting braces dropped. Formatting commands keep their
/// argument (`\emph{x}` → x); math keeps its text.
enum TeXText {
    static let accents: [Character: Character] = [
        "\"": "\u{0308}", "'": "\u{0301}", "`": "\u{0300}", "^": "\u{0302}", "~": "\u{0303}", "=": "\u{0304}",
        ".": "\u{0307}", "u": "\u{0306}", "v": "\u{030C}", "H": "\u{030B}", "c": "\u{0327}", "k": "\u{0328}",
        "r": "\u{030A}", "d": "\u{0323}", "b": "\u{0331}",
    ]
    static let letters: [String: String] = [
        "ss": "ß", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "aa": "å", "AA": "Å",
        "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "dh": "ð", "DH": "Ð", "th": "þ", "TH": "Þ", "ng": "ŋ", "NG": "Ŋ",
        "textendash": "–", "textemdash": "—", "textquoteright": "’", "textquoteleft": "‘", "S": "§", "P": "¶",
        "dag": "†", "ddag": "‡", "copyright": "©", "pounds": "£", "ldots": "…", "dots": "…", "textregistered": "®",
        "texttrademark": "™", "LaTeX": "LaTeX", "TeX": "TeX", "textbackslash": "\\",
    ]

    static func plain(_ tex: String) -> String {
        var output = ""
        let characters = Array(tex)
        var index = 0
        func argument() -> String {
            // A command's argument: a braced group or the next character.
            while index < characters.count, characters[index] == " " { index += 1 }
            guard index < characters.count else { return "" }
            if characters[index] == "{" {
                var depth = 0
                let start = index
                while index < characters.count {
                    if characters[index] == "{" { depth += 1 }
                    if characters[index] == "}" {
                        depth -= 1
                        if depth == 0 { break }
                    }
                    index += 1
                }
                let inner = String(characters[(start + 1)..<min(index, characters.count)])
                index += 1
                return plain(inner)
            }
            if characters[index] == "\\" {
                // `\"\i` → ï: the dotless i takes the accent.
                var end = index + 1
                while end < characters.count, characters[end].isLetter { end += 1 }
                let name = String(characters[(index + 1)..<end])
                index = end
                return name == "i" ? "i" : name == "j" ? "j" : letters[name] ?? name
            }
            defer { index += 1 }
            return String(characters[index])
        }
        while index < characters.count {
            let character = characters[index]
            switch character {
            case "\\":
                index += 1
                guard index < characters.count else { break }
                let next = characters[index]
                if let mark = accents[next], !(next.isLetter && index + 1 < characters.count && characters[index + 1].isLetter) {
                    index += 1
                    var base = argument()
                    if !base.isEmpty { base.insert(contentsOf: String(mark), at: base.index(after: base.startIndex)) }
                    output += base.precomposedStringWithCanonicalMapping
                } else if next.isLetter {
                    var end = index
                    while end < characters.count, characters[end].isLetter { end += 1 }
                    let name = String(characters[index..<end])
                    index = end
                    if let letter = letters[name] {
                        output += letter
                        // The space ending a command name is not text ("\ss e" → "ße" is wrong; "{\ss}e" is how it is written).
                        if index < characters.count, characters[index] == " " { index += 1 }
                    } else {
                        // Formatting (\emph, \textbf, \url, …) keeps its argument; unknown commands vanish.
                        if index < characters.count, characters[index] == "{" { output += argument() }
                    }
                } else {
                    // \& \% \$ \# \_ \{ \} and "\ " are the character itself.
                    output.append(next)
                    index += 1
                }
            case "{", "}":
                index += 1
            case "~":
                output += "\u{00A0}"
                index += 1
            case "-":
                var run = 0
                while index + run < characters.count, characters[index + run] == "-" { run += 1 }
                output += run == 2 ? "–" : run == 3 ? "—" : String(repeating: "-", count: run)
                index += run
            case "$":
                index += 1
            case "\n", "\t", "\r":
                if !output.hasSuffix(" ") { output += " " }
                index += 1
            case " ":
                if !output.hasSuffix(" ") { output += " " }
                index += 1
            default:
                output.append(character)
                index += 1
            }
        }
        return output.trimmingCharacters(in: .whitespaces)
    }
}
