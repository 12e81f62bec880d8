import CCmarkGFM
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// cmark-gfm keeps one table, for the whole process, of the characters that
/// end a run of plain text when inlines are parsed. Before it parses a
/// document's inlines it turns its extensions' characters on in that table
/// (autolink's `:` and `w`, strikethrough's `~`), and afterwards off again,
/// both through `cmark_manage_extensions_special_characters`. A document
/// parsed on one core while another finishes on the other can so lose its
/// autolinks and strikethrough (`ConcurrentParsingTests`).
///
/// Every parser quire makes has the same extensions, so the table should
/// read the same in every document. It is turned on once, here, and the
/// function below, exported under that name, takes the place of cmark-gfm's
/// own, which cmark-gfm calls through its exported name: no document turns
/// the characters on or off again, and documents parse on all cores at
/// once. Whether cmark-gfm's calls do come here is checked first; if they
/// do not (a build of the library that binds its own calls), cmark-gfm
/// keeps its table, and documents' inlines are parsed one at a time.
enum ExtensionCharacters {
    /// True once the characters are on for good and cmark-gfm's calls are
    /// known to come to `extensionCharactersStayOn`.
    static let heldOn: Bool = {
        checking = true
        let probe = CMark.newParser()
        cmark_parser_feed(probe, "x", 1)
        cmark_node_free(cmark_parser_finish(probe))
        checking = false
        guard callsWhileChecking > 0 else {
            cmark_parser_free(probe)
            return false
        }
        // The library's own definition, found past this program's.
        guard let library = dlsym(UnsafeMutableRawPointer(bitPattern: -1), "cmark_manage_extensions_special_characters")
        else {
            fatalError("cmark-gfm's cmark_manage_extensions_special_characters is missing")
        }
        typealias Manage = @convention(c) (OpaquePointer?, Int32) -> Void
        unsafeBitCast(library, to: Manage.self)(probe, 1)
        cmark_parser_free(probe)
        return true
    }()

    /// Written only while `heldOn` is worked out, which every parse waits for.
    fileprivate nonisolated(unsafe) static var checking = false
    fileprivate nonisolated(unsafe) static var callsWhileChecking = 0
}

/// Takes the place of cmark-gfm's function of this name (see
/// `ExtensionCharacters`): the characters stay as they were set once.
@_cdecl("cmark_manage_extensions_special_characters")
public func extensionCharactersStayOn(_ parser: OpaquePointer?, _ add: Int32) {
    if ExtensionCharacters.checking { ExtensionCharacters.callsWhileChecking += 1 }
}
