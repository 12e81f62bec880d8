import QuireDiagnostics
import Testing

@testable import QuireYAML

/// The flat-mapping reader against Yams, the real thing: whatever it reads
/// must be what Yams composes from the same text, node for node, with the
/// same strings, styles and marks; what it refuses goes to Yams unchanged.
@Suite struct FlatMappingTests {
    /// The first difference between two readings of a document, as a path to it; nil when none.
    func difference(_ flat: YAMLNode, _ yams: YAMLNode, at path: String = "root") -> String? {
        guard flat.location == yams.location else { return "\(path): at \(flat.location) ≠ \(yams.location)" }
        if flat.scalar != nil || yams.scalar != nil {
            guard let a = flat.scalar, let b = yams.scalar else { return "\(path): one is not a scalar" }
            if a.text != b.text { return "\(path): \(a.text.debugDescription) ≠ \(b.text.debugDescription)" }
            return a.style == b.style ? nil : "\(path): style \(a.style) ≠ \(b.style)"
        }
        if let a = flat.items {
            guard let b = yams.items, a.count == b.count else { return "\(path): not the same list" }
            return zip(a, b).enumerated().lazy.compactMap { self.difference($1.0, $1.1, at: "\(path)[\($0)]") }.first
        }
        guard let a = flat.pairs, let b = yams.pairs, a.count == b.count, yams.items == nil else {
            return "\(path): not the same mapping"
        }
        for (index, (x, y)) in zip(a, b).enumerated() {
            if let found = difference(x.key, y.key, at: "\(path).key\(index)") { return found }
            if let found = difference(x.value, y.value, at: "\(path).\(x.key.text ?? "?")") { return found }
        }
        return nil
    }

    let origin = SourceLocation(path: "p.md", line: 1, column: 1)

    func read(_ text: String) -> YAMLNode? { FlatMapping.node(text).map { YAMLNode($0, origin: origin) } }

    func composed(_ text: String) throws -> YAMLNode? { try YAMLReader.composed(text).map { YAMLNode($0, origin: origin) } }

    /// Front matter as posts are written, in quire, Hugo and Jekyll: all of it is read here, as Yams reads it.
    @Test(arguments: [
        "title: \"Post 9999: circuit divergence\"\ndate: 2017-05-18\nsummary: \"Bias **weight**\"\ntags: [topic-10, topic-12]\n",
        "title: Hello, world\ndate: 2024-05-01T10:00:00+01:00\ndraft: false\ntags: [\"ml\", 'C#', data & code]\n",
        "# a note\n\ntitle: 日本語のタイトル 🙂\nauthor:   Ada\nseries: Ψ and Ω   \n\nweight: -3x\nurl: https://example.org/a?b=c#no\n",
        "title: 'It is \"quoted\"'\ncategories: []\nkeywords: [ a b ,  c ]\n_private: yes\nx-y-z: ~\nlast: null",
    ])
    func commonFrontMatterIsReadAsYamsReadsIt(text: String) throws {
        let flat = try #require(read(text), "the flat reader should take \(text.debugDescription)")
        let yams = try #require(try composed(text))
        #expect(difference(flat, yams) == nil)
    }

    /// Each is outside the subset and left to Yams: some are valid YAML with
    /// other meanings (nested, null, anchors, escapes), some are errors Yams
    /// must report with its own words.
    @Test(arguments: [
        "", "\n\n", "# only a comment\n", "title:\n  nested: x\n", "title:\n", "title: \n", "tags:\n- a\n",
        "a: &x 1\nb: *x\n", "a: !tag x\n", "a: |\n  block\n", "a: >\n  folded\n", "a: \"esc\\n\"\n", "a: 'it''s'\n",
        "a: b # comment\n", "a: b: c\n", "a: b:\n", "a: 1\na: 2\n", "a:\tb\n", "a: b\r\n", "a: \"b\"\r\n", "\u{FEFF}a: b\n",
        "a: x\u{2028}y\n", "a: x\u{85}y\n", "a: x\u{FEFF}y\n", "a: [b, [c]]\n", "a: [b, {c: d}]\n",
        "a: [b,]\n", "a: [b:c]\n", "a: [b] c\n", "a: {b: c}\n", "  a: b\n", "a : b\n", "\"a\": b\n", "---\na: b\n",
        "%YAML 1.1\n---\na: b\n", "a: b\n  c\n", "a: - b\n", "a: @x\n", "a: `x`\n", "a: x\u{7}\n", "# bad \u{1}\na: b\n",
        "a: \"unclosed\n", "a: [unclosed\n", "9: b\n", String(repeating: "k", count: 2000) + ": v\n",
    ])
    func textOutsideTheSubsetIsLeftToYams(text: String) {
        #expect(read(text) == nil, "\(text.debugDescription)")
    }

    /// Documents made of pieces near the subset's edges, a few thousand of
    /// them: Yams must compose every one the flat reader takes, to the same
    /// nodes. Both sides must be well used, or the test proves nothing.
    @Test func generatedDocumentsAgreeWithYams() throws {
        let keys = ["title", "date", "tags", "x-y", "_k", "k9", "Title", "a", "9k", "-k", "k k", "\"k\"", "k.v"]
        let separators = [": ", ":  ", ":", ":\t", " : ", ": \t"]
        // Values written as front matter is, and values at or past the subset's edges.
        let values = [
            "word", "two words", "C++", "http://x.org/a?b=c", "2024-05-01", "2024-05-01T10:00:00+01:00", "1e3", "~",
            "null", "yes", "it's", "say \"hi\"", "é", "日本語", "🙂", "tail  ", "a#b", ".5", "+4", "[a, b]", "[]", "[ ]",
            "[a,b]", "['a', \"b c\"]", "[é, 日本, 🙂 x]", "[ 'x' , \"y\" ]", "[a b , c]", "\"q\"", "\"q\"  ", "'q'",
            "\"\"", "''", "\"é: 🙂\"", "'a # b'", "a \u{3000} b", "\u{A0}x", "C#", "[C#, F#]",
        ]
        let edges = [
            "a:b", "a,b", "a[b]", "x{y}", "a #b", "a: b", "a:", "&x", "*x", "!t x", "|", ">", "%x", "@x", "`x`", "? x",
            "- x", ",x", "-1", "[a, [b]]", "[a, {b: c}]", "[a, b,]", "[a:b]", "[a #b]", "[a] x", "[a'b]", "[-a]", "[#a]",
            "\"q\" x", "'it''s'", "\"a\\nb\"", "\"tab\there\"", "\u{2028}x", "x\u{85}y", "\u{FEFF}x", "x\u{FFFE}",
            "x\ty", "x\r", "", " ", "x\u{7F}", "#x", "x #", "'a'b", "\"a\"\"b\"", "-#", "--", "-:x", "-[a]", "[-]", "[- a]",
            "[a, -]", "[a, -b]", "a@b", "50%", "x|y", "a > b", "a&b", "a*b!", "a\"", "a'", "\"it's\"", "'say \"hi\"'",
            "[a&b, c*d, e!f]", "[\"a, b\", 'c]d']", "~x", "=", "<<", "a::b", "a:\"b\"", "\u{FFFD}x", "x\u{0}",
        ]
        let otherLines = ["", "# note", "#c: x", "  k: v", "- item", "---", "...", "   ", "#\tx", "# é\u{2028}x"]
        var generator = SystemRandomNumberGenerator()
        var taken = 0
        var refused = 0
        for _ in 0..<4000 {
            var lines: [String] = []
            for _ in 0..<Int.random(in: 1...6, using: &generator) {
                if Int.random(in: 0..<10, using: &generator) == 0 {
                    lines.append(otherLines.randomElement(using: &generator)!)
                } else {
                    // Mostly the subset's own keys and separator, so that many documents are taken.
                    let key = Int.random(in: 0..<4, using: &generator) == 0 ? keys.randomElement(using: &generator)! : "k\(lines.count)"
                    let separator = Int.random(in: 0..<4, using: &generator) == 0 ? separators.randomElement(using: &generator)! : ": "
                    let pool = Int.random(in: 0..<5, using: &generator) == 0 ? edges : values
                    lines.append(key + separator + pool.randomElement(using: &generator)!)
                }
            }
            let ending = Int.random(in: 0..<20, using: &generator) == 0 ? "\r\n" : "\n"
            let text = lines.joined(separator: ending) + (Bool.random(using: &generator) ? ending : "")
            guard let flat = read(text) else {
                refused += 1
                continue
            }
            taken += 1
            let yams: YAMLNode?
            do { yams = try composed(text) } catch {
                Issue.record("taken here, but Yams fails on \(text.debugDescription): \(error)")
                continue
            }
            guard let yams else {
                Issue.record("taken here, but Yams finds no document in \(text.debugDescription)")
                continue
            }
            if let difference = difference(flat, yams) { Issue.record("\(text.debugDescription): \(difference)") }
        }
        #expect(taken > 600, "taken \(taken), refused \(refused)")
        #expect(refused > 600, "taken \(taken), refused \(refused)")
    }

    /// Through the one reader, a taken document is located as Yams' nodes are.
    @Test func readerLocatesTakenDocuments() throws {
        let origin = SourceLocation(path: "p.md", line: 2, column: 1)
        let root = try #require(try YAMLReader.read("title: x\ntags: [a, 'b']\n", at: origin))
        let pairs = try #require(root.pairs)
        #expect(pairs.map { $0.key.location.line } == [2, 3])
        #expect(pairs[1].value.items?.map(\.location.column) == [8, 11])
        #expect(pairs[1].value.items?.map(\.isPlain) == [true, false])
    }
}
