import Foundation
import QuireHighlight
import Testing

/// Small cases checked by hand: each expected list is what a reader would
/// colour, written down from the language's own rules, not from our output.
@Suite struct HighlighterTests {
    /// The non-blank tokens as (kind, text); neighbours of one kind are one token.
    func pieces(_ code: String, _ language: String) -> [Piece] {
        let bytes = Array(code.utf8)
        return (Highlighter.tokens(of: code, language: language) ?? []).compactMap { token in
            let text = String(decoding: bytes[token.range], as: UTF8.self)
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? nil : Piece(token.kind, trimmed)
        }
    }

    struct Piece: Equatable, CustomStringConvertible {
        var kind: TokenKind
        var text: String
        init(_ kind: TokenKind, _ text: String) {
            self.kind = kind
            self.text = text
        }
        var description: String { "\(kind)(\(text))" }
    }

    @Test func python() {
        #expect(
            pieces("def f(x): return \"a\" # c", "python") == [
                Piece(.keyword, "def"), Piece(.function, "f"), Piece(.punctuation, "("), Piece(.name, "x"),
                Piece(.punctuation, "):"), Piece(.keyword, "return"), Piece(.string, "\"a\""),
                Piece(.comment, "# c"),
            ])
        #expect(
            pieces("@cache\nx = rb'\\n' + 1.5e-3 if y is None else len(z)", "python") == [
                Piece(.decorator, "@cache"), Piece(.name, "x"), Piece(.operator, "="), Piece(.string, "rb'\\n'"),
                Piece(.operator, "+"), Piece(.number, "1.5e-3"), Piece(.keyword, "if"), Piece(.name, "y"), Piece(.keyword, "is"),
                Piece(.constant, "None"), Piece(.keyword, "else"), Piece(.builtin, "len"), Piece(.punctuation, "("),
                Piece(.name, "z"), Piece(.punctuation, ")"),
            ])
        // A docstring runs over lines.
        #expect(pieces("\"\"\"one\ntwo\"\"\"", "python") == [Piece(.string, "\"\"\"one\ntwo\"\"\"")])
    }

    @Test func shellAndConsole() {
        #expect(
            pieces("echo \"$HOME/x\" | grep -c x # n", "bash") == [
                Piece(.builtin, "echo"), Piece(.string, "\""), Piece(.variable, "$HOME"), Piece(.string, "/x\""),
                Piece(.punctuation, "|"), Piece(.plain, "grep -c x"), Piece(.comment, "# n"),
            ])
        // `$#` and `a#b` are not comments; `name=` assigns; a builtin's name is one only before a blank, `)` or a
        // backquote (Pygments' bash lexer), so the last `echo` is a word.
        #expect(
            pieces("n=$# ; x a#b echo", "sh") == [
                Piece(.variable, "n"), Piece(.operator, "="), Piece(.variable, "$#"), Piece(.punctuation, ";"),
                Piece(.plain, "x a#b echo"),
            ])
        // Quotes nest inside a substitution inside quotes; `${#` opens as one piece.
        #expect(
            pieces("cd \"$(dirname \"$0\")\" && n=${#a[@]}", "bash") == [
                Piece(.builtin, "cd"), Piece(.string, "\""), Piece(.keyword, "$("), Piece(.plain, "dirname"), Piece(.string, "\""),
                Piece(.variable, "$0"), Piece(.string, "\""), Piece(.keyword, ")"), Piece(.string, "\""), Piece(.operator, "&&"),
                Piece(.variable, "n"), Piece(.operator, "="), Piece(.string, "${#"), Piece(.variable, "a"),
                Piece(.punctuation, "[@]"), Piece(.string, "}"),
            ])
        #expect(
            pieces("x+=(${a:-b} $((i + 1)))", "bash") == [
                Piece(.variable, "x"), Piece(.operator, "+=("), Piece(.string, "${"), Piece(.variable, "a"), Piece(.keyword, ":-"),
                Piece(.variable, "b"), Piece(.string, "}"), Piece(.keyword, "$(("), Piece(.variable, "i"), Piece(.operator, "+"),
                Piece(.number, "1"), Piece(.keyword, "))"), Piece(.operator, ")"),
            ])
        // A here-document is one string, to where its word comes again.
        #expect(pieces("cat <<EOF\n$x\nEOF\n", "bash") == [Piece(.plain, "cat"), Piece(.string, "<<EOF\n$x\nEOF")])
        #expect(
            pieces("$ ls -l\ntotal 8\n", "console") == [
                Piece(.prompt, "$"), Piece(.plain, "ls -l\ntotal 8"),
            ])
    }

    @Test func dataFormats() {
        #expect(
            pieces("{\"a\": [1, true, \"b\"]}", "json") == [
                Piece(.punctuation, "{"), Piece(.key, "\"a\""), Piece(.punctuation, ":"), Piece(.punctuation, "["),
                Piece(.number, "1"), Piece(.punctuation, ","), Piece(.constant, "true"), Piece(.punctuation, ","),
                Piece(.string, "\"b\""), Piece(.punctuation, "]}"),
            ])
        #expect(
            pieces("title: \"Q\" # c\nlist:\n  - one two\nbody: |\n  text: here\nnext: 1\n", "yaml") == [
                Piece(.key, "title"), Piece(.punctuation, ":"), Piece(.string, "\"Q\""), Piece(.comment, "# c"),
                Piece(.key, "list"), Piece(.punctuation, ":"), Piece(.punctuation, "-"), Piece(.string, "one two"),
                // A block scalar's lines stay uncoloured (often a script), as Pygments and GitHub show them.
                Piece(.key, "body"), Piece(.punctuation, ":"), Piece(.punctuation, "|"), Piece(.name, "text: here"),
                Piece(.key, "next"), Piece(.punctuation, ":"), Piece(.string, "1"),
            ])
        #expect(
            pieces("[server]\nport = 8080 # c\nwhen = 1979-05-27T07:32:00Z\n", "toml") == [
                Piece(.section, "[server]"), Piece(.key, "port"), Piece(.operator, "="), Piece(.number, "8080"),
                Piece(.comment, "# c"), Piece(.key, "when"), Piece(.operator, "="), Piece(.number, "1979-05-27T07:32:00Z"),
            ])
        #expect(
            // `count` is one of SQL's key words (and Pygments'); `hex` is a function like any other.
            pieces("SELECT count(*), hex(b) FROM t where a = 'x''y'; -- c", "sql") == [
                Piece(.keyword, "SELECT"), Piece(.keyword, "count"), Piece(.punctuation, "("), Piece(.operator, "*"),
                Piece(.punctuation, "),"), Piece(.function, "hex"), Piece(.punctuation, "("), Piece(.name, "b"),
                Piece(.punctuation, ")"), Piece(.keyword, "FROM"), Piece(.name, "t"), Piece(.keyword, "where"), Piece(.name, "a"),
                Piece(.operator, "="), Piece(.string, "'x''y'"), Piece(.punctuation, ";"), Piece(.comment, "-- c"),
            ])
    }

    @Test func cFamily() {
        #expect(
            pieces("#include <stdio.h>\nint main(void) { return 0x1F; } /* c */", "c") == [
                Piece(.meta, "#include <stdio.h>"), Piece(.keyword, "int"), Piece(.function, "main"), Piece(.punctuation, "("),
                Piece(.keyword, "void"), Piece(.punctuation, ")"), Piece(.punctuation, "{"), Piece(.keyword, "return"),
                Piece(.number, "0x1F"), Piece(.punctuation, ";"), Piece(.punctuation, "}"), Piece(.comment, "/* c */"),
            ])
        #expect(
            pieces("std::vector<int> v = nullptr; // c", "cpp") == [
                Piece(.name, "std"), Piece(.operator, "::"), Piece(.name, "vector"), Piece(.operator, "<"), Piece(.keyword, "int"),
                Piece(.operator, ">"), Piece(.name, "v"), Piece(.operator, "="), Piece(.constant, "nullptr"),
                Piece(.punctuation, ";"), Piece(.comment, "// c"),
            ])
        // Swift's comments nest; `=` is punctuation even in `==`, as Pygments reads Swift.
        #expect(
            pieces("@MainActor func f(_ x: Int) -> Bool { x == 1 && \"\\(x)\" /* a /* b */ c */ }", "swift") == [
                Piece(.decorator, "@MainActor"), Piece(.keyword, "func"), Piece(.function, "f"), Piece(.punctuation, "("),
                Piece(.keyword, "_"), Piece(.name, "x"), Piece(.punctuation, ":"), Piece(.type, "Int"), Piece(.punctuation, ")"),
                Piece(.punctuation, "->"), Piece(.type, "Bool"), Piece(.punctuation, "{"), Piece(.name, "x"),
                Piece(.punctuation, "=="), Piece(.number, "1"), Piece(.operator, "&&"), Piece(.string, "\"\\("), Piece(.name, "x"),
                Piece(.string, ")\""), Piece(.comment, "/* a /* b */ c */"), Piece(.punctuation, "}"),
            ])
        // A character literal against a lifetime; after `:` (a type's place, to Pygments) `&` is a keyword.
        #expect(
            pieces("#[test] fn f<'a>(s: &'a str) -> char { 'x' }", "rust") == [
                Piece(.meta, "#[test]"), Piece(.keyword, "fn"), Piece(.function, "f"), Piece(.operator, "<'"),
                Piece(.name, "a"), Piece(.operator, ">"), Piece(.punctuation, "("), Piece(.name, "s"), Piece(.punctuation, ":"),
                Piece(.keyword, "&"), Piece(.operator, "'"), Piece(.name, "a"), Piece(.keyword, "str"), Piece(.punctuation, ")"),
                Piece(.punctuation, "->"), Piece(.keyword, "char"), Piece(.punctuation, "{"), Piece(.string, "'x'"),
                Piece(.punctuation, "}"),
            ])
        // Swift's `#if` line is meta but for its symbols; `#file` is a keyword, `#expect` a `#` and a name (Pygments).
        #expect(
            pieces("#if !os(Linux)\nlet a = #file + #expect\n#endif", "swift") == [
                Piece(.meta, "#if"), Piece(.operator, "!"), Piece(.meta, "os"), Piece(.punctuation, "("), Piece(.meta, "Linux"),
                Piece(.punctuation, ")"), Piece(.keyword, "let"), Piece(.name, "a"), Piece(.punctuation, "="), Piece(.keyword, "#file"),
                Piece(.operator, "+"), Piece(.punctuation, "#"), Piece(.name, "expect"), Piece(.meta, "#endif"),
            ])
        // `&mut self` after a colon: `mut` is a name there, `self` a builtin; strings in attributes stay strings.
        #expect(
            pieces("#[doc = \"x\"] fn g(s: &mut self) => 0..n", "rust") == [
                Piece(.meta, "#[doc ="), Piece(.string, "\"x\""), Piece(.meta, "]"), Piece(.keyword, "fn"), Piece(.function, "g"),
                Piece(.punctuation, "("), Piece(.name, "s"), Piece(.punctuation, ":"), Piece(.keyword, "&"), Piece(.name, "mut"),
                Piece(.builtin, "self"), Piece(.punctuation, ")"), Piece(.operator, "=>"), Piece(.number, "0"),
                Piece(.operator, ".."), Piece(.name, "n"),
            ])
    }

    @Test func javaScriptRegexAgainstDivision() {
        #expect(
            pieces("let r = /a+\\//g; x = a / b / 2;", "js") == [
                Piece(.keyword, "let"), Piece(.name, "r"), Piece(.operator, "="), Piece(.string, "/a+\\//g"), Piece(.punctuation, ";"),
                Piece(.name, "x"), Piece(.operator, "="), Piece(.name, "a"), Piece(.operator, "/"), Piece(.name, "b"),
                Piece(.operator, "/"), Piece(.number, "2"), Piece(.punctuation, ";"),
            ])
        #expect(
            pieces("interface A { b: string }", "ts") == [
                Piece(.keyword, "interface"), Piece(.type, "A"), Piece(.punctuation, "{"), Piece(.name, "b"), Piece(.operator, ":"),
                Piece(.keyword, "string"), Piece(.punctuation, "}"),
            ])
        // As Pygments reads TypeScript, the word after `name:` is a type wherever it stands (its rule
        // `([\w?.$]+)(\s*)(:)(\s*)([\w?.$]+)`), and a name before the colon is a name even if it spells a keyword;
        // `type` and its kin are keywords first.
        #expect(
            pieces("f({ default: z.string, x?: Array }); type: T", "ts") == [
                Piece(.function, "f"), Piece(.punctuation, "({"), Piece(.name, "default"), Piece(.operator, ":"),
                Piece(.keyword, "z.string"), Piece(.punctuation, ","), Piece(.name, "x?"), Piece(.operator, ":"),
                Piece(.keyword, "Array"), Piece(.punctuation, "});"), Piece(.keyword, "type"), Piece(.operator, ":"),
                Piece(.type, "T"),
            ])
        // An anonymous function names nothing: `throw` stays a keyword.
        #expect(
            pieces("function () { throw e }", "js") == [
                Piece(.keyword, "function"), Piece(.punctuation, "()"), Piece(.punctuation, "{"), Piece(.keyword, "throw"),
                Piece(.name, "e"),
                Piece(.punctuation, "}"),
            ])
    }

    @Test func diffLines() {
        #expect(
            pieces("--- a/x\n+++ b/x\n@@ -1 +1 @@\n-old\n+new\n same\n", "diff") == [
                Piece(.deleted, "--- a/x"), Piece(.inserted, "+++ b/x"), Piece(.heading, "@@ -1 +1 @@"), Piece(.deleted, "-old"),
                Piece(.inserted, "+new"), Piece(.plain, "same"),
            ])
    }

    @Test func unknownLanguagesArePlain() {
        #expect(Highlighter.html("x <- 1", language: "r") == nil)
        #expect(Highlighter.tokens(of: "x", language: "") == nil)
        #expect(Highlighter.knows("Python"))
    }

    /// Every language: the HTML, its tags removed and entities decoded, is the
    /// code again, and no `<`, `>` or `&` of the code is left raw.
    @Test(arguments: ["python", "bash", "console", "json", "yaml", "toml", "sql", "c", "cpp", "swift", "rust", "js", "ts", "diff"])
    func htmlKeepsTheTextEscaped(language: String) throws {
        let code = "$ a <b> & \"c\" 'd' # é ✓\n/* <x> */ `<y>` {\"k\": \"<v>\"}\n+<z>&amp;\n- [!] 1 < 2 > 0 // '\n"
        let html = try #require(Highlighter.html(code, language: language))
        #expect(Self.text(ofHTML: html) == code)
    }

    /// The same on random code: long and short tokens, pieces with several
    /// characters to escape or none, multi-byte characters at every place,
    /// so the writer's copies and its escaping meet at every boundary.
    @Test(arguments: ["python", "bash", "console", "json", "yaml", "toml", "sql", "c", "swift", "rust", "js", "diff"])
    func randomCodeComesBackWhole(language: String) throws {
        let pieces = [
            "x", "name_", "return", "def ", "fn ", "0x1F", "3.5e-2", " ", "  ", "\n", "\t", "<", ">", "&", "&&", "<=",
            "\"", "'", "`", "\\", "#", "//", "/*", "*/", "(", ")", "{", "}", "[", "]", ":", ",", ";", "=", "$x", "${y}",
            "@d", "é", "✓", "😀", "\"s < t & u\"", "'q'", "# <c> &amp;\n", "-- x\n", "+ a\n", "- b\n", "$ ls\n",
            String(repeating: "w", count: 40), String(repeating: "<", count: 20),
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let code = (0..<Int.random(in: 0...40, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }
                .joined()
            let html = try #require(Highlighter.html(code, language: language))
            #expect(Self.text(ofHTML: html) == code, "\(language): \(code.debugDescription)")
        }
    }

    /// A token for every byte, three times what the tokenizer makes room for
    /// at first: the tokens still cover the code end to end, in order.
    @Test func tokensCoverTheCodeWhenThereIsOneForEveryByte() throws {
        let code = String(repeating: "a+", count: 500) + "a"
        let tokens = try #require(Highlighter.tokens(of: code, language: "python"))
        #expect(tokens.count == code.utf8.count)
        #expect(tokens.first?.range.lowerBound == 0 && tokens.last?.range.upperBound == code.utf8.count)
        #expect(zip(tokens, tokens.dropFirst()).allSatisfy { $0.range.upperBound == $1.range.lowerBound && $0.kind != $1.kind })
        #expect(tokens.enumerated().allSatisfy { $1.kind == ($0.isMultiple(of: 2) ? .name : .operator) })
    }

    /// The HTML's text: tags removed, entities decoded; nil if a `<` or `>` of the code was left raw.
    static func text(ofHTML html: String) -> String? {
        let withoutSpans = html.replacingOccurrences(of: #"<span class="[a-z]+">"#, with: "", options: .regularExpression)
            .replacingOccurrences(of: "</span>", with: "")
        guard !withoutSpans.contains("<") && !withoutSpans.contains(">") else { return nil }
        return withoutSpans.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
