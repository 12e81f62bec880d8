import Foundation
import Testing

@testable import QuireCharts

/// With QUIRE_CHART_PREVIEW=DIR set, writes every gallery chart as an HTML
/// page (inline SVG) and a standalone SVG into DIR, to look at in a browser.
/// Without it the test is skipped, and says so, rather than passing unrun.
@Suite struct GalleryPreview {
    static let directory = ProcessInfo.processInfo.environment["QUIRE_CHART_PREVIEW"]

    @Test(.enabled(if: directory != nil, "set QUIRE_CHART_PREVIEW=DIR to write previews"))
    func writePreviewsWhenAsked() throws {
        let directory = try #require(Self.directory)
        let folder = URL(fileURLWithPath: directory)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let css =
            (try? String(
                contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                    .appendingPathComponent("../../templates/static/charts.css"), encoding: .utf8)) ?? ""
        for (name, yaml) in Gallery.charts {
            let chart = try Fixtures.render(yaml, prefix: "g-\(name)")
            let page = """
                <!doctype html><html><head><meta charset="utf-8"><style>\(css)
                body{font-family:system-ui,sans-serif;max-width:680px;margin:20px auto}
                @media (prefers-color-scheme: dark){body{color:#ddd;background:#16181c}}</style></head>
                <body><figure>\(chart.svg)<figcaption>\(chart.notes.joined(separator: " "))</figcaption></figure></body></html>
                """
            try page.write(to: folder.appendingPathComponent("\(name).html"), atomically: true, encoding: .utf8)
            try chart.standaloneSVG.write(to: folder.appendingPathComponent("\(name).svg"), atomically: true, encoding: .utf8)
            // What was written must be a chart a browser can show.
            let written = try String(contentsOf: folder.appendingPathComponent("\(name).svg"), encoding: .utf8)
            #expect(written.hasPrefix("<svg") || written.hasPrefix("<?xml"), "\(name).svg")
            _ = try SVGInspector(chart.svg)
        }
    }
}

/// One chart per mark (and per main feature), shared by golden and preview tests.
enum Gallery {
    static let charts: [(String, String)] = [
        (
            "line",
            "data: losses\nmark: line\nx: step\ny: loss\ncolor: run\ntitle: Loss\nannotations:\n  - {x: 12000, label: \"first off-cycle [brb]\"}\n"
        ),
        ("area", "data: losses\nmark: area\nx: step\ny: loss\ncolor: run\nstack: true\n"),
        ("point", "data: spiral\nmark: point\nx: x\ny: y\ncolor: n\n"),
        ("bar", "data: fruit\nmark: bar\nx: fruit\ny: sold\ncolor: year\n"),
        ("bar-stacked", "data: fruit\nmark: bar\nx: fruit\ny: sold\ncolor: year\nstack: true\n"),
        ("rect", "data: grid\nmark: rect\nx: head\ny: layer\ncolor: {field: score, scheme: diverging}\n"),
        ("rule", "data: fruit\nmark: rule\ny: sold\n"),
        ("text", "data: fruit\nmark: text\nx: year\ny: sold\ntext: fruit\n"),
        ("cyclic", "data: spiral\nmark: point\nx: x\ny: y\ncolor: {field: phase, scheme: cyclic}\n"),
        ("bar-rotated", "data: checkpoints\nmark: bar\nx: checkpoint\ny: {field: accuracy, format: \".0%\"}\n"),
        (
            "bar-sideways",
            "data: checkpoints\nmark: bar\nx: {field: accuracy, format: \".0%\"}\ny: checkpoint\nannotations:\n  - {x: 0.75, label: target}\n"
        ),
        ("facet", "data: losses\nmark: line\nx: step\ny: {field: loss, scale: log}\nfacet: {field: run, columns: 2}\n"),
        (
            "facet-grid",
            "data: grid\nmark: bar\nx: head\ny: score\nfacet: {field: layer, columns: 4}\nannotations:\n  - {y: 0.5, label: half}\n"
        ),
    ]
}
