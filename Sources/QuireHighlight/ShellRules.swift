/// The shell's own rules, read as Pygments' bash lexer reads them: quoting
/// and substitution nest (`"$(dirname "$0")"`), so these scan by hand what a
/// rule table cannot say.
extension Tokenizer {
    static let specialParameters = ByteSet("@*#?$!-")
    /// What ends a run of punctuation inside `${…}`.
    static let parameterBreaks = ByteSet("}:\"'`$\\")
    /// What may follow a builtin's name for it to count as one.
    static let builtinEnds = ByteSet(" \t\r\n\u{0C})`")

    /// A double-quoted string from its opening quote (and `$` prefix) at
    /// `position`: `$name` and `${…}` inside are variables, `$(…)` is code.
    mutating func scanShellDoubleQuote(from contentStart: Int) {
        var index = contentStart
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\") {
                index += 2
                continue
            }
            if byte == UInt8(ascii: "\"") {
                index += 1
                break
            }
            if byte == UInt8(ascii: "$"), peek(index + 1) == UInt8(ascii: "(") {
                emitInterpolated(to: index)
                _ = scanShellSubstitution()
                index = position
                continue
            }
            index += 1
        }
        emitInterpolated(to: min(index, bytes.count))
    }

    /// The string from `position` to `end`, with its `$variables` marked.
    mutating func emitInterpolated(to end: Int) {
        var index = position
        while index < end {
            if bytes[index] == UInt8(ascii: "\\") {
                index += 2
                continue
            }
            if bytes[index] == UInt8(ascii: "$") {
                emit(.string, to: index)
                if index + 1 < end, let length = shellVariableLength(at: index, limit: end - 1) {
                    emitShellVariable(length: length)
                    index += length
                } else {
                    // A `$` that starts nothing stays plain, as Pygments leaves it.
                    index += 1
                    emit(.plain, to: index)
                }
                continue
            }
            index += 1
        }
        emit(.string, to: end)
    }

    /// `$name` as a variable; `${name:-word}` as its brackets (with a `#`
    /// after the opening one), names, `:-` as a keyword, and punctuation between.
    mutating func emitShellVariable(length: Int) {
        let end = position + length
        guard peek(position + 1) == UInt8(ascii: "{") else {
            emit(.variable, to: end)
            return
        }
        let closed = bytes[end - 1] == UInt8(ascii: "}")
        let inside = closed ? end - 1 : end
        emit(.string, to: min(inside, position + (peek(position + 2) == UInt8(ascii: "#") ? 3 : 2)))
        while position < inside {
            let byte = bytes[position]
            var stop = position + 1
            if Self.isLetter(byte) || Self.isDigit(byte) {
                while stop < inside, Self.isLetter(bytes[stop]) || Self.isDigit(bytes[stop]) { stop += 1 }
                emit(.variable, to: stop)
            } else if byte == UInt8(ascii: ":") {
                if stop < inside, bytes[stop] == UInt8(ascii: "-") {
                    emit(.keyword, to: stop + 1)
                } else {
                    emit(.punctuation, to: stop)
                }
            } else if byte == UInt8(ascii: "$"), peek(stop) == UInt8(ascii: "{") {
                // A nested `${`: its closing brace is one of those below.
                emit(.string, to: min(inside, stop + (peek(stop + 1) == UInt8(ascii: "#") ? 2 : 1)))
            } else if byte == UInt8(ascii: "}") {
                emit(.string, to: stop)
            } else if byte == UInt8(ascii: "$"), let length = shellVariableLength(at: position, limit: inside - 1) {
                emit(.variable, to: position + length)
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                while stop < inside, bytes[stop] != byte { stop += 1 }
                if byte == UInt8(ascii: "'") {
                    emit(.string, to: min(stop + 1, inside))
                } else {
                    emitInterpolated(to: min(stop + 1, inside))
                }
            } else if byte == UInt8(ascii: "\\") {
                emit(.string, to: min(stop + 1, inside))
            } else if byte == UInt8(ascii: "`") {
                emit(.string, to: stop)
            } else {
                while stop < inside, !Self.parameterBreaks.contains(bytes[stop]) { stop += 1 }
                emit(.punctuation, to: stop)
            }
        }
        emit(.string, to: end)
    }

    /// The length of `$name`, `${…}`, `$1`, `$@` at `index`, nil if none.
    func shellVariableLength(at index: Int, limit: Int) -> Int? {
        guard let next = peek(index + 1), index + 1 < limit + 1 else { return nil }
        if next == UInt8(ascii: "{") {
            // To the brace that closes it: `${a[${#b[@]}]}` is one.
            var depth = 1
            var end = index + 2
            while end < min(limit, bytes.count), bytes[end] != 0x0A {
                if bytes[end] == UInt8(ascii: "}") {
                    depth -= 1
                    if depth == 0 { break }
                } else if bytes[end] == UInt8(ascii: "$"), peek(end + 1) == UInt8(ascii: "{") {
                    depth += 1
                }
                end += 1
            }
            return min(end + 1, bytes.count) - index
        }
        if Self.isLetter(next) {
            var end = index + 1
            while end < bytes.count, end <= limit, Self.isLetter(bytes[end]) || Self.isDigit(bytes[end]) { end += 1 }
            return end - index
        }
        if Self.isDigit(next) || Self.specialParameters.contains(next) { return 2 }
        return nil
    }

    /// `$(…)` or `$((…))` at `position`: the brackets as keywords, the inside as code.
    mutating func scanShellSubstitution() -> Bool {
        if peek(position + 2) == UInt8(ascii: "("), let close = arithmeticEnd(from: position + 3) {
            emit(.keyword, to: position + 3)
            scanArithmetic(upTo: close)
            emit(.keyword, to: close + 2)
            return true
        }
        guard let close = substitutionEnd(from: position + 2) else {
            emit(.keyword, to: position + 2)
            return true
        }
        emit(.keyword, to: position + 2)
        scanCode(upTo: close)
        emit(.keyword, to: close + 1)
        return true
    }

    /// The `)` that closes a `$(` whose inside starts at `start`: the first
    /// one outside quotes and nested substitutions, as Pygments pairs them.
    func substitutionEnd(from start: Int) -> Int? {
        var index = start
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: ")"): return index
            case UInt8(ascii: "\\"): index += 2
            case UInt8(ascii: "'"), UInt8(ascii: "`"):
                let quote = bytes[index]
                index += 1
                while index < bytes.count, bytes[index] != quote { index += 1 }
                index += 1
            case UInt8(ascii: "\""):
                index += 1
                while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                    if bytes[index] == UInt8(ascii: "\\") {
                        index += 2
                    } else if bytes[index] == UInt8(ascii: "$"), peek(index + 1) == UInt8(ascii: "("),
                        let close = substitutionEnd(from: index + 2)
                    {
                        index = close + 1
                    } else {
                        index += 1
                    }
                }
                index += 1
            case UInt8(ascii: "$") where peek(index + 1) == UInt8(ascii: "("):
                guard let close = substitutionEnd(from: index + 2) else { return nil }
                index = close + 1
            default: index += 1
            }
        }
        return nil
    }

    /// The `))` closing a `$((` whose inside starts at `start`.
    func arithmeticEnd(from start: Int) -> Int? {
        var index = start
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: ")"), bytes[index + 1] == UInt8(ascii: ")") { return index }
            index += 1
        }
        return nil
    }

    /// Inside `$((…))` names are variables and symbols operators.
    mutating func scanArithmetic(upTo close: Int) {
        while position < close {
            let byte = bytes[position]
            var stop = position + 1
            if byte == UInt8(ascii: "$"), let length = shellVariableLength(at: position, limit: close - 1) {
                emitShellVariable(length: length)
                continue
            }
            if Self.isLetter(byte) || Self.isDigit(byte) {
                while stop < close, Self.isLetter(bytes[stop]) || Self.isDigit(bytes[stop]) { stop += 1 }
                emit(Self.isDigit(byte) ? .number : .variable, to: stop)
            } else if Self.isSpace(byte) {
                emit(.plain, to: stop)
            } else if byte == UInt8(ascii: ";") {
                emit(.punctuation, to: stop)
            } else {
                emit(.operator, to: stop)
            }
        }
    }

    /// `<<<` is an operator; a here-document (`<<EOF`, `<<-'EOF'`) is one
    /// string up to where its word appears again.
    mutating func scanHeredoc() -> Bool {
        guard peek(position + 1) == UInt8(ascii: "<") else { return false }
        if peek(position + 2) == UInt8(ascii: "<") {
            emit(.operator, to: position + 3)
            return true
        }
        var start = position + 2
        if peek(start) == UInt8(ascii: "-") { start += 1 }
        while start < bytes.count, Self.isSpace(bytes[start]) { start += 1 }
        if peek(start) == UInt8(ascii: "'") { start += 1 }
        if peek(start) == UInt8(ascii: "\\") { start += 1 }
        var wordEnd = start
        while wordEnd < bytes.count, Self.isLetter(bytes[wordEnd]) || Self.isDigit(bytes[wordEnd]) { wordEnd += 1 }
        guard wordEnd > start else { return false }
        let word = Array(bytes[start..<wordEnd])
        var index = wordEnd + 1
        while index < bytes.count, !matches(word, at: index) { index += 1 }
        guard index < bytes.count else { return false }
        emit(.string, to: index + word.count)
        return true
    }

    /// Digits up to a non-word byte are a number (`2>&1`, `1.5` as `1` and `.5`); `2to3` is a word.
    mutating func scanShellNumber() -> Bool {
        var end = position
        while end < bytes.count, Self.isDigit(bytes[end]) { end += 1 }
        guard end > position, end == bytes.count || !(Self.isLetter(bytes[end]) || Self.isDigit(bytes[end])) else { return false }
        emit(.number, to: end)
        return true
    }

    /// `name=`, `name+=` (the word reaching `=`) or `name =`: the name a variable, `+=` an operator.
    mutating func scanShellAssignment(to end: Int) -> Bool {
        let nameEnd = bytes[end - 1] == UInt8(ascii: "+") ? end - 1 : end
        guard nameEnd > position else { return false }
        for index in position..<nameEnd where !(Self.isLetter(bytes[index]) || Self.isDigit(bytes[index])) { return false }
        emit(.variable, to: nameEnd)
        emit(.operator, to: end)
        return true
    }

    /// Pygments takes a builtin's name as one only before a blank, `)` or a backquote.
    func endsShellBuiltin(at end: Int) -> Bool {
        end < bytes.count && Self.builtinEnds.contains(bytes[end])
    }
}
