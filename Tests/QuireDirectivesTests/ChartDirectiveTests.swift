import Foundation
import QuireData
import QuireDiagnostics
import Testing

@testable import QuireDirectives

@Suite struct ChartDirectiveTests {
    static let post = "content/posts/run/index.md"

    static func context(_ tables: [String: Table], page: String = "posts/run") throws -> DirectiveContext {
        let root = FileManager.default.temporaryDirectory
        let scope = try DataScope(siteRoot: root, contentRoot: root, bundleDirectory: nil, siteDataDirectory: nil)
        for (name, table) in tables.sorted(by: { $0.key < $1.key }) { scope.define(name, as: table) }
        return DirectiveContext(scope: scope, sourcePath: post, pageKey: page)
    }

    static func block(_ body: String) -> DirectiveBlock {
        DirectiveBlock(
            name: "chart", argument: "", body: body,
            location: SourceLocation(path: post, line: 20, column: 1),
            bodyLocation: SourceLocation(path: post, line: 21, column: 1))
    }

    static let runs = Table(columns: [
        Column(name: "step", integers: [0, 100, 200, 0, 100, 200]),
        Column(name: "loss", doubles: [2.5, 1.25, 0.75, 2.0, 1.0, 0.5]),
        Column(name: "run", strings: ["a,b", "a,b", "a,b", "say \"hi\"", "say \"hi\"", "say \"hi\""]),
    ])

    static let body =
        "data: runs\nmark: line\nx: step\ny: loss\ncolor: run\ntitle: Loss by *step*\ncaption: \"From `train.py`, see [the log](log.html) <b>raw</b>\"\n"

    @Test func unknownTableIsLocatedWithAHint() throws {
        let context = try Self.context(["runs": Self.runs])
        do {
            _ = try ChartDirective().run(Self.block("data: rnus\nmark: line\nx: step\ny: loss\n"), in: context)
            Issue.record("an unknown table must be an error")
        } catch {
            let diagnostics = error.diagnostics(orAt: SourceLocation(path: Self.post))
            #expect(diagnostics.map(\.message) == ["no table named 'rnus' in scope"])
            #expect(diagnostics.first?.location == SourceLocation(path: Self.post, line: 21, column: 7))
            #expect(diagnostics.first?.hint == "did you mean 'runs'?")
        }
    }

    @Test func outputFollowsTheContract() throws {
        let output = try ChartDirective().run(Self.block(Self.body), in: try Self.context(["runs": Self.runs]))
        let svgFile = try #require(output.files.keys.first { $0.hasSuffix(".svg") })
        let csvFile = try #require(output.files.keys.first { $0.hasSuffix(".csv") })
        #expect(output.files.count == 2)
        let stem = String(svgFile.dropLast(4))
        #expect(csvFile == stem + ".csv")
        #expect(stem.hasPrefix("chart-") && stem.count == 14 && stem.dropFirst(6).allSatisfy(\.isHexDigit))

        let html = output.html
        #expect(html.hasPrefix("<figure class=\"chart\" id=\""))
        #expect(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 640 400\""))
        #expect(html.contains("role=\"img\""))
        #expect(
            html.contains(
                "<figcaption><span class=\"chart-title\">Loss by <em>step</em></span> From <code>train.py</code>, see <a href=\"log.html\">the log</a> &lt;b&gt;raw&lt;/b&gt;"
            ))
        #expect(html.contains("<a class=\"chart-data\" href=\"\(csvFile)\">data (CSV)</a>"))
        #expect(html.contains("var(--chart-series-1, #0072b2)"))
        #expect(!html.contains("<img"))

        #expect(!output.feedHTML.contains("<svg"))
        #expect(output.feedHTML.contains("<img src=\"\(svgFile)\" alt=\"A line chart of loss against step."))
        #expect(output.feedHTML.contains("<a class=\"chart-data\""))

        let standalone = String(decoding: output.files[svgFile] ?? Data(), as: UTF8.self)
        #expect(standalone.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns="))
        #expect(standalone.contains("@media (prefers-color-scheme: dark)"))
    }

    @Test func csvHoldsEveryRowEscapedPerRFC4180() throws {
        let output = try ChartDirective().run(Self.block(Self.body), in: try Self.context(["runs": Self.runs]))
        let csv = try #require(output.files.first { $0.key.hasSuffix(".csv") }).value
        let lines = [
            "step,loss,run", #"0,2.5,"a,b""#, #"100,1.25,"a,b""#, #"200,0.75,"a,b""#,
            #"0,2,"say ""hi""""#, #"100,1,"say ""hi""""#, #"200,0.5,"say ""hi""""#,
        ]
        #expect(String(decoding: csv, as: UTF8.self) == lines.map { $0 + "\r\n" }.joined())
    }

    @Test func idsAreUniqueAcrossAPageAndStableAcrossBuilds() throws {
        func build() throws -> [DirectiveOutput] {
            let context = try Self.context(["runs": Self.runs])
            return try (0..<3).map { _ in try ChartDirective().run(Self.block(Self.body), in: context) }
        }
        let first = try build()
        let second = try build()
        #expect(first == second)
        var ids: [String] = []
        for output in first {
            let pattern = try Regex(#"id="([^"]+)""#)
            ids += output.html.matches(of: pattern).map { String(output.html[$0.range]) }
        }
        #expect(ids.count == Set(ids).count)
        #expect(Set(first.flatMap(\.files.keys)).count == 6)
        let other = try ChartDirective().run(Self.block(Self.body), in: try Self.context(["runs": Self.runs], page: "posts/other"))
        #expect(other.html != first[0].html)
    }

    @Test func hostileDataStaysText() throws {
        let table = Table(columns: [
            Column(name: "x", doubles: [1, 2]),
            Column(name: "y", doubles: [1, 2]),
            Column(name: "who", strings: ["<script>alert(1)</script>", "\"/><svg onload=x>&"]),
        ])
        let output = try ChartDirective().run(
            Self.block("data: t\nmark: text\nx: x\ny: y\ntext: who\ncolor: who\ntitle: \"<i>t</i>\"\n"), in: try Self.context(["t": table]))
        #expect(!output.html.contains("<script"))
        #expect(!output.html.contains("<svg onload"))
        #expect(output.html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!output.feedHTML.contains("<script"))
        let standalone = String(decoding: output.files.first { $0.key.hasSuffix(".svg") }?.value ?? Data(), as: UTF8.self)
        #expect(!standalone.contains("<script"))
    }

    @Test func captionMarkdownRefusesScriptLinks() {
        #expect(ChartCaption.html("[x](javascript:alert(1))") == "[x](javascript:alert(1))")
        #expect(ChartCaption.html("**bold** and _it_ and \\*not\\*") == "<strong>bold</strong> and <em>it</em> and *not*")
        #expect(ChartCaption.html("[site](https://example.org/a?b=1&c=2)") == "<a href=\"https://example.org/a?b=1&amp;c=2\">site</a>")
    }
}
