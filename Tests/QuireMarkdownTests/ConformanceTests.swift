import Foundation
import Testing

@testable import QuireMarkdown

/// Every example of the GFM spec and its extension tests, rendered through
/// quire's Markdown stage, must equal the expected HTML after normalisation.
///
/// Intended differences, all on purpose:
/// - Headings carry stable `id`s (normalised away for every example).
/// - Table cell alignment is `style="text-align: …"` because `align` is obsolete
///   HTML and fails the Nu validator (normalised back to `align`).
/// - An image alone in its paragraph is a numbered `<figure>` with the alt text
///   as its caption (PRODUCT §2 "Images"; normalised back to `<p><img></p>`).
/// - All GFM extensions are always on, so the two examples the spec marks
///   `disabled` (the pre-extension behaviour of raw HTML) render filtered.
/// - `knownDifferences` below, each with its reason: examples the spec runs with
///   an extension off that quire always has on, and one written for an older
///   cmark-gfm than Debian's.
@Suite struct ConformanceTests {
    static let knownDifferences: [String: String] = {
        let tagfilter = "tagfilter is always on (as on GitHub): <script>/<style> in raw HTML are escaped"
        let autolink = "the autolink extension is always on: bare URLs and addresses become links"
        return [
            "gfm-spec.txt#140": tagfilter, "gfm-spec.txt#141": tagfilter, "gfm-spec.txt#142": tagfilter,
            "gfm-spec.txt#145": tagfilter, "gfm-spec.txt#147": tagfilter,
            "gfm-spec.txt#610": autolink, "gfm-spec.txt#614": autolink, "gfm-spec.txt#616": autolink,
            "gfm-spec.txt#619": autolink, "gfm-spec.txt#620": autolink,
            "gfm-extensions.txt#23":
                "written for an older cmark-gfm: Debian's 0.29.0.gfm.6 names footnotes fn-LABEL (not fnN) and adds data-footnote-* and aria-label attributes",
        ]
    }()

    /// `<figure class="image-figure" …><img …><figcaption>…</figcaption></figure>` → `<p><img … /></p>`.
    static func paragraphsForFigures(_ html: String) -> String {
        html.replacing(/<figure class="image-figure" id="[^"]*">(<img [^>]*)><figcaption>(?s:.*?)<\/figcaption><\/figure>/) { match in
            "<p>\(match.1) /></p>"
        }
    }

    func check(_ file: String) throws -> (passed: Int, total: Int, failures: [String]) {
        let examples = try SpecExample.load(file)
        var failures: [String] = []
        var passed = 0
        // `<IGNORE>` marks examples that only check cmark does not crash.
        for example in examples where !example.tags.contains("disabled") && example.html != "<IGNORE>\n" {
            let document = MarkdownDocument(example.markdown, path: file, directiveNames: ["query", "analysis", "chart", "table"])
            let html = Self.paragraphsForFigures(document.render(directiveHTML: [], inlineValues: []))
            let key = "\(file)#\(example.number)"
            if HTMLNormalizer.normalize(html) == HTMLNormalizer.normalize(example.html) {
                passed += 1
            } else if Self.knownDifferences[key] == nil {
                failures.append(
                    "\(key) (line \(example.line), \(example.section))\n  markdown: \(example.markdown.debugDescription)\n  expected: \(example.html.debugDescription)\n  actual:   \(html.debugDescription)"
                )
            }
        }
        return (passed, examples.filter { $0.html != "<IGNORE>\n" && !$0.tags.contains("disabled") }.count, failures)
    }

    @Test(arguments: ["gfm-spec.txt", "gfm-extensions.txt"])
    func specExamples(file: String) throws {
        let result = try check(file)
        print(
            "conformance \(file): \(result.passed) of \(result.total) examples equal the expected HTML; \(Self.knownDifferences.keys.filter { $0.hasPrefix(file) }.count) documented differences"
        )
        #expect(result.total > 20)
        #expect(
            result.failures.isEmpty,
            "\(result.failures.count) unexpected differences:\n\(result.failures.prefix(15).joined(separator: "\n"))")
    }
}
