import Foundation
import QuireData
import QuireDiagnostics
import Testing

@testable import QuireDirectives

@Suite struct TableDirectiveTests {
    @Test func rendersEscapedCellsWithNumbersRightAligned() throws {
        let site = try DirectiveTestSite()
        try site.write("runs.csv", "name,share,tokens\n<b>a&b</b>,0.1234,1234567\n\"x\"\"y\",,2\n")
        let output = try TableDirective().run(
            site.block("table", "", "data: runs\ncolumns: [name, share, tokens]\nformat: {share: .1%, tokens: ',.0f'}"), in: site.context())
        #expect(
            output.html == """
                <div class="table-wrap"><table class="data-table"><thead><tr><th>name</th><th class="num">share</th><th class="num">tokens</th></tr></thead>\
                <tbody><tr><td>&lt;b&gt;a&amp;b&lt;/b&gt;</td><td class="num">12.3%</td><td class="num">1,234,567</td></tr>\
                <tr><td>x&quot;y</td><td class="num"></td><td class="num">2</td></tr></tbody></table></div>
                """)
    }

    @Test func limitAddsACaption() throws {
        let site = try DirectiveTestSite()
        try site.write("n.csv", "v\n1\n2\n3\n")
        let output = try TableDirective().run(site.block("table", "", "data: n\nlimit: 2"), in: site.context())
        #expect(output.html.contains("<caption>First 2 of 3 rows</caption>"))
        #expect(!output.html.contains("<td class=\"num\">3</td>"))
    }

    @Test func mistakesAreLocatedWithHints() throws {
        let site = try DirectiveTestSite()
        try site.write("runs.csv", "name,share\na,1\n")
        let context = try site.context()
        let column = diagnostic {
            _ = try TableDirective().run(site.block("table", "", "data: runs\ncolumns: [name, shares]", line: 40), in: context)
        }
        #expect(column?.message == "no column 'shares' in table 'runs'")
        #expect(column?.hint == "did you mean 'share'?")
        #expect(column?.location.line == 42)
        let key = diagnostic { _ = try TableDirective().run(site.block("table", "", "data: runs\nlimt: 3", line: 40), in: context) }
        #expect(key?.message == "unknown key 'limt' in the table directive")
        #expect(key?.hint == "did you mean 'limit'?")
        #expect(key?.location.line == 42)
        let format = diagnostic { _ = try TableDirective().run(site.block("table", "", "data: runs\nformat: {share: '.1q'}"), in: context) }
        #expect(format?.message == "'.1q' is not a d3-format specifier")
        let table = diagnostic { _ = try TableDirective().run(site.block("table", "", "data: run"), in: context) }
        #expect(table?.hint == "did you mean 'runs'?")
    }
}
