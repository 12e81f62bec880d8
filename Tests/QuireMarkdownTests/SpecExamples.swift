import Foundation

/// Examples from cmark-gfm's spec files (`../shared/conformance/` beside the repository).
struct SpecExample {
    var file: String
    var number: Int
    var line: Int
    var section: String
    var markdown: String
    var html: String
    var tags: [String]

    /// `../shared/conformance/` beside the repository, or `QUIRE_CONFORMANCE_DIR`.
    static var conformanceFolder: URL {
        if let folder = ProcessInfo.processInfo.environment["QUIRE_CONFORMANCE_DIR"] { return URL(fileURLWithPath: folder) }
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/conformance")
    }

    struct Missing: Error, CustomStringConvertible {
        var description: String
    }

    static func load(_ name: String) throws -> [SpecExample] {
        let url = conformanceFolder.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw Missing(
                description:
                    "the GFM spec file \(url.path) is missing: the tests expect shared/conformance/ beside the repository, or QUIRE_CONFORMANCE_DIR"
            )
        }
        let text = try String(contentsOf: url, encoding: .utf8)
        let fence = String(repeating: "`", count: 32)
        var examples: [SpecExample] = []
        var state = 0  // 0 outside, 1 markdown, 2 html
        var markdown: [Substring] = []
        var html: [Substring] = []
        var tags: [String] = []
        var section = ""
        var startLine = 0
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if state == 0, line.hasPrefix(fence + " example") {
                state = 1
                startLine = index + 1
                tags = line.dropFirst(fence.count + " example".count).split(separator: " ").map(String.init)
                markdown = []
                html = []
            } else if state == 0, line.hasPrefix("#") {
                section = line.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces)
            } else if state == 1, line == "." {
                state = 2
            } else if state == 2, line == fence {
                state = 0
                let tab = { (lines: [Substring]) in lines.map { $0 + "\n" }.joined().replacingOccurrences(of: "→", with: "\t") }
                examples.append(
                    SpecExample(
                        file: name, number: examples.count + 1, line: startLine, section: section,
                        markdown: tab(markdown), html: tab(html), tags: tags))
            } else if state == 1 {
                markdown.append(line)
            } else if state == 2 {
                html.append(line)
            }
        }
        return examples
    }
}
