import QuireData
import Testing

@testable import QuireCharts

/// A chart's CSV download opened in a spreadsheet: text that starts like a
/// formula must stay text (OWASP "CSV injection"): a leading `'` is added to
/// text cells beginning with `=`, `+`, `-`, `@`, a tab or a carriage return.
@Suite struct AdversarialCSVTests {
    static let hostile = Table(columns: [
        Column(name: "label", strings: ["=cmd|' /C calc'!A0", "+1+1", "-2-2", "@SUM(A1:A2)", "\tx", "\rx", "plain", nil]),
        Column(name: "value", doubles: [-1.5, 2, -3, 4, 5, -6, 7, 8]),
        Column(name: "count", integers: [-1, 2, 3, 4, 5, 6, 7, 8]),
    ])

    // Expected rows worked out by hand from RFC 4180 plus the prefix rule:
    // the CR cell needs quoting; numbers, even negative ones, are untouched.
    static let expected = [
        "label,value,count",
        "'=cmd|' /C calc'!A0,-1.5,-1",
        "'+1+1,2,2",
        "'-2-2,-3,3",
        "'@SUM(A1:A2),4,4",
        "'\tx,5,5",
        "\"'\rx\",-6,6",
        "plain,7,7",
        ",8,8",
    ]

    @Test func formulaLikeTextCellsInChartCSVGetALeadingQuote() throws {
        let csv = CSVWriter.csv(Self.hostile)
        #expect(csv == Self.expected.joined(separator: "\r\n") + "\r\n")
    }

    @Test func formulaLikeTextCellsInLayeredChartCSVGetALeadingQuoteToo() throws {
        let spec = try Fixtures.spec("data: a\nx: value\ny: count\nlayers:\n  - {mark: point}\n  - {mark: line, data: b}\n")
        let csv = CSVWriter.csv(for: spec, tables: ["a": Self.hostile, "b": Self.hostile.rows([0])])
        let lines = csv.components(separatedBy: "\r\n")
        #expect(lines[0] == "layer,label,value,count")
        #expect(lines[1] == "a,'=cmd|' /C calc'!A0,-1.5,-1")
        #expect(lines[3] == "a,'-2-2,-3,3")
        #expect(lines[9] == "b,'=cmd|' /C calc'!A0,-1.5,-1")
    }
}
