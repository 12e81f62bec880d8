import Testing

@testable import QuireHighlight

/// The byte-keyed keyword table that replaced a `[String: TokenKind]`: it must
/// answer exactly as that dictionary did.
@Suite struct WordTableTests {
    @Test func findsEveryWordAndNothingElse() {
        // Enough words to force collisions in a 16-slot table's probing.
        let words = (0..<40).map { "w\($0)" }
        let table = WordTable(
            [(words.joined(separator: " "), .keyword), ("def class", .keyword)],
            functionDefiners: ["def"], typeDefiners: ["class"])
        for word in words { #expect(table.kind(of: word) == .keyword, "\(word)") }
        for absent in ["w40", "w", "", "w0 ", "W1", "classes", "de"] { #expect(table.kind(of: absent) == nil, "\(absent)") }
        var def = "def"
        var cls = "class"
        var w1 = "w1"
        #expect(def.withUTF8 { table.entry(for: $0)?.nextIsNamed } == .function)
        #expect(cls.withUTF8 { table.entry(for: $0)?.nextIsNamed } == .type)
        #expect(w1.withUTF8 { table.entry(for: $0)?.nextIsNamed } == nil)
    }

    @Test func caseInsensitiveTablesFoldASCIIOnly() {
        let table = WordTable([("select from", .keyword), ("text", .type)], caseInsensitive: true)
        #expect(table.kind(of: "SELECT") == .keyword && table.kind(of: "From") == .keyword && table.kind(of: "TEXT") == .type)
        #expect(table.kind(of: "sélect") == nil)
        #expect(WordTable([("select", .keyword)]).kind(of: "SELECT") == nil)
    }

    @Test func aLaterGroupWinsAsADictionaryAssignmentWould() {
        let table = WordTable([("NULL true", .builtin), ("true", .constant)])
        #expect(table.kind(of: "true") == .constant && table.kind(of: "NULL") == .builtin)
    }
}
