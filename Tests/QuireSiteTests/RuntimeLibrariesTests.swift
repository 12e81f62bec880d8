import Foundation
import Testing

/// PRODUCT.md §6: an installed quire needs at run time only libcmark-gfm and
/// libsqlite3; every other library is opened when a directive first needs it.
@Suite struct RuntimeLibrariesTests {
    /// The libraries the built executable asks the dynamic loader for, from
    /// its ELF dynamic section (readelf -d).
    static func neededLibraries(of binary: String) throws -> [String] {
        let result = try ProcessResult.run("readelf", ["-d", binary])
        guard result.status == 0 else { throw Failure("readelf -d \(binary): \(result.stderr)") }
        return result.stdout.split(separator: "\n").compactMap { line in
            guard line.contains("(NEEDED)"), let open = line.firstIndex(of: "["), let close = line.lastIndex(of: "]") else {
                return nil
            }
            return String(line[line.index(after: open)..<close])
        }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    @Test func theExecutableLinksNoLibraryThatIsOpenedWhenFirstUsed() throws {
        let needed = try Self.neededLibraries(of: CommandLineTests.quire)
        // Read the list, not an empty answer: the two required libraries are there.
        #expect(needed.contains("libsqlite3.so.0"))
        #expect(needed.contains { $0.hasPrefix("libcmark-gfm.so") })
        let openedWhenUsed = ["libsnappy", "libzstd", "libz.so", "libpcre2", "libopenblas", "liblapacke", "libblas", "liblapack"]
        let linked = needed.filter { library in openedWhenUsed.contains { library.hasPrefix($0) } }
        #expect(linked.isEmpty, "linked, though the contract opens them when first used: \(linked)")
    }
}
