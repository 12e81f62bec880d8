import CCmarkGFM
import Foundation
import QuireDiagnostics

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The few cmark-gfm calls quire needs, behind Swift names.
enum CMark {
    static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

    /// Registration is process-wide; a lazy static runs it exactly once, on any thread.
    private static let registered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    /// A parser with quire's extensions attached.
    static func newParser(options: Int32 = 0, memory: UnsafeMutablePointer<cmark_mem> = cmark_get_default_mem_allocator())
        -> OpaquePointer
    {
        precondition(registered)
        let parser = cmark_parser_new_with_mem(options, memory)!
        for name in extensionNames {
            if let syntax = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, syntax)
            }
        }
        return parser
    }

    /// cmark-gfm's inline parser shares mutable global state across parsers
    /// (`ExtensionCharacters`); when that state cannot be held still, one
    /// document's inlines are parsed at a time.
    static let inlineParsing = NSLock()

    struct Options: OptionSet {
        let rawValue: Int32
        static let unsafe = Options(rawValue: CMARK_OPT_UNSAFE)
        static let footnotes = Options(rawValue: CMARK_OPT_FOOTNOTES)
        /// `style="text-align: …"` instead of the obsolete `align` attribute.
        static let tableStyleAttributes = Options(rawValue: CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES)
    }

    /// A parsed document; frees itself and its parser. Parsing and rendering
    /// take their memory from the document's own arena (`CMarkArena`).
    final class Document {
        let parser: OpaquePointer
        let root: OpaquePointer
        let options: Options
        private let arena = CMarkArena()

        init(_ markdown: String, options: Options) {
            let oneAtATime = !ExtensionCharacters.heldOn
            self.options = options
            var text = markdown
            (parser, root) = arena.using {
                let parser = CMark.newParser(options: options.rawValue, memory: CMarkArena.memory)
                text.withUTF8 { bytes in
                    bytes.withMemoryRebound(to: CChar.self) { chars in
                        cmark_parser_feed(parser, chars.baseAddress, chars.count)
                    }
                }
                return (parser, oneAtATime ? CMark.inlineParsing.withLock { cmark_parser_finish(parser) } : cmark_parser_finish(parser))
            }
        }

        /// Makes the document's arena current on this thread until the scope
        /// ends, so that what cmark makes while the tree is worked on (copies
        /// of literals, new nodes, iterators) comes from it too. Nothing
        /// else may parse or build a tree on this thread meanwhile.
        func makeArenaCurrent() -> CMarkArena.Scope { arena.makeCurrent() }

        deinit {
            // The arena's blocks are freed whole; these free what was made outside it.
            cmark_node_free(root)
            cmark_parser_free(parser)
        }

        func renderHTML() -> String {
            arena.using {
                guard let html = cmark_render_html(root, options.rawValue, cmark_parser_get_syntax_extensions(parser)) else { return "" }
                defer { CMarkArena.memory.pointee.free(html) }
                return html.withMemoryRebound(to: UInt8.self, capacity: 1) { bytes in
                    UTF8Decoding.string(UnsafeBufferPointer(start: bytes, count: strlen(html)))
                }
            }
        }

        /// Every node in document order (taken before the tree is changed).
        func nodes() -> [OpaquePointer] {
            var result: [OpaquePointer] = []
            let iterator = cmark_iter_new(root)
            defer { cmark_iter_free(iterator) }
            while true {
                let event = cmark_iter_next(iterator)
                if event == CMARK_EVENT_DONE { break }
                if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) { result.append(node) }
            }
            return result
        }
    }

    static func type(_ node: OpaquePointer) -> cmark_node_type { cmark_node_get_type(node) }

    /// The type number the strikethrough extension was given when it was
    /// registered (the extensions' public header does not name it): read
    /// once off a parsed `~~x~~`, so that a node is tested by number, not by name.
    static let strikethrough: cmark_node_type? = {
        let document = Document("~~x~~", options: [])
        return document.nodes().first { node in
            cmark_node_get_type_string(node).map { strcmp($0, "strikethrough") == 0 } ?? false
        }.map(type)
    }()

    static func literal(_ node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    static func setLiteral(_ node: OpaquePointer, _ text: String) {
        cmark_node_set_literal(node, text)
    }

    static func fenceInfo(_ node: OpaquePointer) -> String {
        cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
    }

    static func isFenced(_ node: OpaquePointer) -> Bool {
        // Real pointers: cmark_node_get_fenced writes through them unconditionally.
        var length: Int32 = 0
        var offset: Int32 = 0
        var character: CChar = 0
        return cmark_node_get_fenced(node, &length, &offset, &character) != 0
    }

    /// A node for any document: cmark joins only nodes made with the same allocator.
    static func newNode(_ type: cmark_node_type) -> OpaquePointer? {
        cmark_node_new_with_mem(type, CMarkArena.memory)
    }

    /// Replaces `node` with verbatim HTML (a custom block or inline).
    static func replace(_ node: OpaquePointer, withRaw html: String, block: Bool) {
        guard let raw = newNode(block ? CMARK_NODE_CUSTOM_BLOCK : CMARK_NODE_CUSTOM_INLINE) else { return }
        cmark_node_set_on_enter(raw, html)
        cmark_node_replace(node, raw)
        cmark_node_free(node)
    }

    static func prependRaw(_ html: String, to node: OpaquePointer) {
        guard let raw = newNode(CMARK_NODE_CUSTOM_INLINE) else { return }
        cmark_node_set_on_enter(raw, html)
        cmark_node_prepend_child(node, raw)
    }

    /// The text of a node's inline descendants, as a reader sees it.
    static func plainText(_ node: OpaquePointer) -> String {
        var text = ""
        let iterator = cmark_iter_new(node)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let child = cmark_iter_get_node(iterator) else { continue }
            let kind = type(child)
            if kind == CMARK_NODE_TEXT || kind == CMARK_NODE_CODE {
                text += literal(child)
            } else if kind == CMARK_NODE_SOFTBREAK || kind == CMARK_NODE_LINEBREAK {
                text += " "
            }
        }
        return text
    }
}
