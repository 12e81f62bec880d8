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

    /// cmark's calloc promises zeroes: bytes a shrunk buffer gave up are not handed out again.
    @Test func callocAfterAShrinkIsStillZeroed() throws {
        let memory = CMarkArena.memory.pointee
        let arena = CMarkArena()
        try arena.using {
            let buffer = try #require(memory.realloc(nil, 1000))
            buffer.initializeMemory(as: UInt8.self, repeating: 0xFF, count: 1000)
            let shrunk = try #require(memory.realloc(buffer, 10))
            #expect(shrunk == buffer)
            let fresh = try #require(memory.calloc(1, 500))
            #expect(UnsafeRawBufferPointer(start: fresh, count: 500).allSatisfy { $0 == 0 })
        }
    }

    /// The latest buffer grows in place; an earlier one moves with its bytes; malloc's own blocks too.
    @Test func buffersKeepTheirBytesWhenTheyGrow() throws {
        let memory = CMarkArena.memory.pointee
        let arena = CMarkArena()
        func fill(_ pointer: UnsafeMutableRawPointer, _ count: Int) {
            for index in 0..<count { pointer.storeBytes(of: UInt8(truncatingIfNeeded: index), toByteOffset: index, as: UInt8.self) }
        }
        func holds(_ pointer: UnsafeMutableRawPointer, _ count: Int) -> Bool {
            (0..<count).allSatisfy { pointer.load(fromByteOffset: $0, as: UInt8.self) == UInt8(truncatingIfNeeded: $0) }
        }
        try arena.using {
            let first = try #require(memory.calloc(1, 64))
            fill(first, 64)
            let grown = try #require(memory.realloc(first, 4096))
            #expect(grown == first)
            #expect(holds(grown, 64))
            let second = try #require(memory.calloc(1, 32))
            let moved = try #require(memory.realloc(grown, 300_000))
            #expect(moved != grown)
            #expect(holds(moved, 64))
            memory.free(second)
            memory.free(moved)
        }
        // No arena current: malloc's blocks, freed by free.
        let outside = try #require(memory.calloc(1, 100))
        #expect(UnsafeRawBufferPointer(start: outside, count: 100).allSatisfy { $0 == 0 })
        fill(outside, 100)
        let bigger = try #require(memory.realloc(outside, 100_000))
        #expect(holds(bigger, 100))
        memory.free(bigger)
    }
}
