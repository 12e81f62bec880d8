import QuireDiagnostics
import Testing

@testable import QuireMarkdown

/// cmark-gfm adds each extension's inline characters (autolink's `:` and
/// `w`, strikethrough's `~`) to one global table before parsing inlines and
/// takes them out afterwards, so a document parsed while another finishes
/// can lose its autolinks and strikethrough. Posts are parsed on all cores.
@Suite struct ConcurrentParsingTests {
    @Test func extensionsWorkWhenDocumentsAreParsedOnAllCores() {
        let filler = String(repeating: "Words and more words in a paragraph of moderate length. ", count: 40)
        let markdown = (0..<6).map { "\(filler)\n\nSee www.example.com/\($0) and ~~old~~ new, or https://example.org/\($0).\n\n" }.joined()
        let broken = Array(0..<400).parallelMap { _ -> Bool in
            let html = MarkdownDocument(markdown, path: "p.md").render(directiveHTML: [], inlineValues: [])
            let links = html.components(separatedBy: "<a href=\"http").count - 1
            let struck = html.components(separatedBy: "<del>").count - 1
            return links != 12 || struck != 6
        }
        #expect(broken.filter { $0 }.count == 0, "documents that lost an autolink or a strikethrough")
    }

    /// The test above passes with documents parsed one at a time too; this
    /// one shows they are not: cmark-gfm's calls to turn the characters on
    /// and off reach quire's definition, and the characters are on for good.
    @Test func extensionCharactersAreHeldOnSoDocumentsParseAtOnce() {
        #expect(ExtensionCharacters.heldOn)
        let html = MarkdownDocument("~~gone~~ and www.example.com", path: "p.md").render(directiveHTML: [], inlineValues: [])
        #expect(html.contains("<del>gone</del>") && html.contains("<a href=\"http://www.example.com\">"))
    }
}
