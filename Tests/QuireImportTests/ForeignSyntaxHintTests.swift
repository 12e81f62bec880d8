import Foundation
import QuireSite
import Testing

/// A Jekyll or Hugo post dropped into a quire site without import: each
/// foreign `{{ … }}` is an error that names the generator and the way out.
@Suite struct ForeignSyntaxHintTests {
    @Test func liquidAndShortcodesGetAHint() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("quire-hint-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("content/posts"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: ImportFixture.repositoryRoot.appendingPathComponent("templates"), to: root.appendingPathComponent("templates"))
        try "title: T\nbase_url: https://x.org/\n".write(to: root.appendingPathComponent("quire.yaml"), atomically: true, encoding: .utf8)
        try """
        ---
        title: Dropped in
        date: 2019-03-04
        ---
        ![x]({{ site.baseurl }}/assets/x.png)

        ![y]({{ '/assets/y.png' | relative_url }})

        {{< figure src="z.png" >}}

        {{ nothing.here }}
        """.write(to: root.appendingPathComponent("content/posts/a.md"), atomically: true, encoding: .utf8)
        let report = await SiteBuilder.build(BuildOptions(root: root, writeOutput: false))
        let errors = report.errors
        let byLine = Dictionary(grouping: errors, by: \.location.line)
        for line in [5, 7] {
            let error = try #require(byLine[line]?.first, "line \(line): \(errors)")
            #expect(error.message.contains("Liquid (Jekyll) syntax"))
            #expect(error.hint?.contains("quire import jekyll") == true && error.hint?.contains("\\{{") == true)
        }
        let shortcode = try #require(byLine[9]?.first)
        #expect(shortcode.message.contains("Hugo shortcode") && shortcode.hint?.contains("quire import hugo") == true)
        // A plain mistake is still the ordinary error.
        #expect(byLine[11]?.first?.message.contains("no table named 'nothing'") == true)
    }
}
