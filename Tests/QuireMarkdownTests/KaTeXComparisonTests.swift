import Foundation
import Testing

@testable import QuireMarkdown

/// quire's MathML against KaTeX's, structure by structure, on KaTeX's own
/// function list and on formulas from public ML writing (MathCorpus/*.tsv,
/// each line with its source).
@Suite(.enabled(if: KaTeXOracle.available, "needs node and libjs-katex (scripts/install-deps --test)"))
struct KaTeXComparisonTests {
    struct Expression {
        var tex: String
        var display: Bool
        var source: String
    }

    static func corpus(_ name: String) throws -> [Expression] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("MathCorpus/\(name)")
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#") else { return nil }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 3 else { return nil }
            return Expression(tex: String(fields[1]), display: fields[0] == "display", source: String(fields[2]))
        }
    }

    /// A TeX command name left in the MathML outside the annotation.
    static func leakedCommand(in mathML: String) -> String? {
        var visible = mathML
        if let start = visible.range(of: "<annotation"), let end = visible.range(of: "</annotation>") {
            visible.removeSubrange(start.lowerBound..<end.upperBound)
        }
        guard let match = visible.range(of: #"\\[A-Za-z]+"#, options: .regularExpression) else { return nil }
        return String(visible[match])
    }

    struct Report {
        var total = 0, accepted = 0, equivalent = 0
        var quireErrors: [String] = [], different: [String] = [], leaks: [String] = [], acceptedBeyondKaTeX = 0
    }

    static func compare(_ expressions: [Expression], macros: [String: String] = [:]) throws -> Report {
        let answers = try KaTeXOracle.render(expressions.map { .init(tex: $0.tex, display: $0.display, macros: macros) })
        var report = Report()
        for (expression, answer) in zip(expressions, answers) {
            report.total += 1
            let quire: String?
            var quireError = ""
            do { quire = try TeXToMathML.convert(expression.tex, display: expression.display, macros: TeXMacros(macros)) } catch {
                quire = nil
                quireError = "\(error.message) at \(error.offset)"
            }
            if let quire, let leak = leakedCommand(in: quire) {
                report.leaks.append("\(leak) in \(expression.tex)  [\(expression.source)]")
            }
            guard let katex = answer.mathml else {
                if quire != nil { report.acceptedBeyondKaTeX += 1 }
                continue
            }
            report.accepted += 1
            guard let quire else {
                report.quireErrors.append("\(expression.tex)  → \(quireError)  [\(expression.source)]")
                continue
            }
            let theirs = MathMLStructure.normalize(katex)
            let ours = MathMLStructure.normalize(quire)
            if theirs == ours {
                report.equivalent += 1
            } else {
                report.different.append("\(expression.tex)  [\(expression.source)]\n    katex: \(theirs)\n    quire: \(ours)")
            }
        }
        return report
    }

    static func print(_ name: String, _ report: Report) {
        let share = Double(report.equivalent) / Double(max(report.accepted, 1)) * 100
        Swift.print(
            """
            [\(name)] equivalent \(report.equivalent) / \(report.accepted) accepted by KaTeX (\(String(format: "%.2f", share))%), \
            \(report.total) in all; quire errors where KaTeX renders: \(report.quireErrors.count); \
            accepted beyond KaTeX: \(report.acceptedBeyondKaTeX); backslash commands in output: \(report.leaks.count)
            """)
        for line in report.quireErrors.prefix(40) { Swift.print("  error: \(line)") }
        for line in report.different.prefix(60) { Swift.print("  differs: \(line)") }
        for line in report.leaks { Swift.print("  leak: \(line)") }
    }

    @Test func everyKaTeXFunctionMatches() throws {
        let report = try Self.compare(try Self.corpus("katex-functions.tsv"))
        Self.print("KaTeX function list", report)
        #expect(report.accepted > 150)
        #expect(report.leaks.isEmpty)
        #expect(report.quireErrors.isEmpty)
        // Four known differences, all KaTeX's MathML quirks or equal glyphs:
        // `\int\limits` stays msubsup in KaTeX; `\not<` comes out as the text
        // "&lt;̸"; text accents (\'e, ï) are mover in KaTeX, precomposed é here.
        #expect(report.different.count <= 4, "\(report.different)")
    }

    @Test func formulasFromPublicMLWritingMatch() throws {
        let report = try Self.compare(try Self.corpus("ml-posts.tsv"))
        Self.print("ML posts", report)
        #expect(report.accepted > 1_500)
        #expect(report.leaks.isEmpty)
        #expect(Double(report.equivalent) >= 0.995 * Double(report.accepted))
    }
}
