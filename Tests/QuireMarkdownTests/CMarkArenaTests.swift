import CCmarkGFM
import QuireDiagnostics
import Testing

@testable import QuireMarkdown

/// A document's nodes, strings and buffers come from its arena (`CMarkArena`).
/// Small documents fit in its first block; these make it take many blocks,
/// grow buffers past a block's size, and mix in nodes made after parsing, on
/// all cores at once. Independent sections render the same alone as together,
/// so the whole document's HTML must be its sections' HTML joined: an arena
/// handing out the same bytes twice, or copying too few when a buffer moves,
/// breaks that.
@Suite struct CMarkArenaTests {
    /// Section `number`: a heading, emphasis, a table, a list, a fenced block and a long paragraph.
    static func section(_ number: Int) -> String {
        let words = (0..<(40 + number % 50)).map { "w\($0 * number % 97)" }.joined(separator: " ")
        return """
            ## Section \(number)

            Some *emphasis*, **strong** text, `code \(number)` and ~~struck~~ words: \(words).

            | a | b |
            | --- | ---: |
            | \(number) | \(number * 7) |

            - one \(number)
            - two <span>raw</span>

            ```
            let x = \(number)
            ```

            > quoted \(number)


            """
    }

    static func html(_ markdown: String) -> String {
        CMark.Document(markdown, options: [.unsafe, .tableStyleAttributes]).renderHTML()
    }

    @Test func aDocumentOfManyBlocksRendersAsItsSectionsDo() {
        let sections = (1...3000).map(Self.section)
        let whole = Self.html(sections.joined())
        #expect(whole.utf8.count > 2 << 20, "the rendered page outgrows the largest block")
        #expect(whole == sections.map(Self.html).joined())
    }

    @Test func documentsOnAllCoresKeepTheirOwnMemory() {
        let documents = (1...64).map { count in (1...(count * 7)).map { Self.section($0 + count) }.joined() }
        let alone = documents.map(Self.html)
        let together = documents.parallelMap(Self.html)
        #expect(together == alone)
    }

    /// Nodes made after parsing (no arena current) join the tree and are freed with it.
    @Test func nodesMadeAfterParsingJoinTheTree() {
        let document = CMark.Document("# Title\n\nText.\n", options: [.unsafe])
        for node in document.nodes() where CMark.type(node) == CMARK_NODE_HEADING {
            CMark.prependRaw("<span id=\"made\"></span>", to: node)
        }
        for node in document.nodes() where CMark.type(node) == CMARK_NODE_PARAGRAPH {
            CMark.replace(node, withRaw: "<p>replaced</p>\n", block: true)
        }
        #expect(document.renderHTML() == "<h1><span id=\"made\"></span>Title</h1>\n<p>replaced</p>\n")
    }
}
