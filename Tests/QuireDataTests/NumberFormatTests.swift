import Testing

@testable import QuireData

/// Expected strings come from running Debian's node-d3-format 1.4.1 once by
/// hand (`node -e 'console.log(require("/usr/share/nodejs/d3-format").format(S)(V))'`),
/// with two changes d3-format 2.0 made and quire follows: the minus sign is
/// U+2212, and `+` keeps the sign of a negative value that rounds to zero.
@Suite struct NumberFormatTests {
    func f(_ specifier: String, _ value: Double) throws -> String {
        try NumberFormat(specifier).format(value)
    }

    @Test func documentedExamples() throws {
        #expect(try f(".0%", 0.123) == "12%")
        #expect(try f("$.2f", 3.5) == "$3.50")
        #expect(try f("+20", 42) == "                 +42")
        #expect(try f(".^20", 42) == ".........42.........")
        #expect(try f(".2s", 42e6) == "42M")
        #expect(try f("#x", 48879) == "0xbeef")
        #expect(try f(",.2r", 4223) == "4,200")
        #expect(try f("s", 1500) == "1.50000k")
        #expect(try f("~s", 1500) == "1.5k")
        #expect(try f(".2", 42) == "42")
        #expect(try f(".2", 4.2) == "4.2")
        #expect(try f(".1", 42) == "4e+1")
        #expect(try f(".1", 4.2) == "4")
        #expect(try f("($.2f", -3.5) == "($3.50)")
    }

    @Test func theSubsetPostsUse() throws {
        #expect(try f(",.0f", 1_234_567.891) == "1,234,568")
        #expect(try f(".1%", 0.0456) == "4.6%")
        #expect(try f(".3s", 1_234_567) == "1.23M")
        #expect(try f(".3s", 0.000123) == "123µ")
        #expect(try f(".3s", 0) == "0.00")
        #expect(try f(".2e", 12345) == "1.23e+4")
        #expect(try f(".2e", 0) == "0.00e+0")
        #expect(try f(".2e", 0.000123456) == "1.23e-4")
        #expect(try f("d", 1234.6) == "1235")
        #expect(try f(",d", -1_234_567) == "−1,234,567")
        #expect(try f(".3f", 0.1 + 0.2) == "0.300")
    }

    @Test func roundingFollowsJavaScript() throws {
        #expect(try f(".1f", -1.25) == "−1.3")  // exact tie: away from zero
        #expect(try f(".2f", 1.005) == "1.00")  // 1.005 is 1.00499999… in binary
        #expect(try f("d", 2.5) == "3")
        #expect(try f(".0f", 0.5) == "1")
        #expect(try f(".2f", 999.996) == "1000.00")
        #expect(try f(".2f", 0.0096) == "0.01")
        #expect(try f(".1f", -0.01) == "0.0")  // no minus on a value that shows as zero
        #expect(try f("+.1f", -0.01) == "−0.0")
    }

    @Test func siEdges() throws {
        #expect(try f(".3s", 999.9) == "1.00k")
        #expect(try f(".3s", 999_999) == "1.00M")
        #expect(try f(".2s", 1e-26) == "0.01y")
        #expect(try f(".3s", 1e30) == "1000000Y")
        #expect(try f(",.2f", -0.0) == "0.00")
    }

    @Test func paddingZerosAndTrim() throws {
        #expect(try f("08.2f", -3.14159) == "−0003.14")
        #expect(try f("010,.0f", 1_234_567) == "01,234,567")
        #expect(try f("<6d", 42) == "42    ")
        #expect(try f(".3~f", 2.5) == "2.5")
        #expect(try f(".6~g", 1e-7) == "1e-7")
    }

    @Test func nonFiniteValues() throws {
        #expect(try f(".2f", .nan) == "NaN")
        #expect(try f(".2f", -.infinity) == "−Infinity")
    }

    @Test func invalidSpecifiersAreRejected() {
        for bad in ["q", ".f", "1.2.3f", ",.2ff"] {
            #expect(throws: NumberFormat.InvalidSpecifier.self) { try NumberFormat(bad) }
        }
    }
}
