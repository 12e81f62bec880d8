import Foundation
import QuireCharts
import QuireData
import QuireDiagnostics
import QuireMarkdown

/// ```chart — PRODUCT §3 and §4: an inline SVG figure for the page, an
/// `<img>` of the standalone SVG for feeds, and the .svg and .csv files.
struct ChartDirective: Directive {
    public let name = "chart"
    public init() {}

    public func run(_ block: DirectiveBlock, in context: DirectiveContext) throws -> DirectiveOutput {
        let parsed = try ChartSpecParser.parse(block.body, at: block.bodyLocation)
        var tables: [String: Table] = [:]
        var problems: [Diagnostic] = []
        let named = Self.columnsNamed(by: parsed)
        for layer in parsed.layers where tables[layer.data] == nil {
            do {
                let columns = try Self.columnsToRead(layer.data, named: named[layer.data] ?? [], scope: context.scope)
                tables[layer.data] = try context.scope.table(named: layer.data, columns: columns, at: layer.dataLocation)
            } catch {
                let found = error.diagnostics(orAt: layer.dataLocation)
                problems += found.filter { !problems.contains($0) }
            }
        }
        // A table whose directive failed was reported there: stop without a second error.
        if !problems.isEmpty || tables.count < parsed.tableNames.count { throw DiagnosticList(problems) }
        var spec = parsed.sizedForData(tables)
        let words = ChartFigure.captionWords(spec: spec, block: block)
        // The SVG's <title> (its accessible name) reads the marks as resolved text, as the caption does.
        spec.title = words.title.map(CaptionCitations.textPlaceholders)

        let ordinal = context.nextOrdinal()
        let numbering = try FigureNumbering(kind: .figure, number: block.number, id: spec.id, idLocation: spec.idLocation, block: block)
        // Ids must be unique on the page and stable across builds: in a post, the figure's anchor.
        let prefix = numbering?.anchor ?? "c" + ShortHash.short([context.pageKey, String(ordinal), block.body])
        let narrowSpec = spec.narrowLayout
        let chart = try ChartRenderer(
            idPrefix: prefix, variant: narrowSpec != nil ? .wide : spec.isWide ? .scroll : .only,
            palette: context.seriesPalette
        ).render(spec, tables: tables)
        // A phone gets its own layout (charts.css switches), so text keeps its size.
        let narrow = try narrowSpec.map {
            try ChartRenderer(idPrefix: prefix + "n", variant: .narrow, palette: context.seriesPalette).render($0, tables: tables)
        }
        let csv = CSVWriter.csv(for: spec, tables: tables)
        let file = "chart-" + ShortHash.short([chart.standaloneSVG, csv])
        let caption = ChartFigure.caption(words, chart: chart, csvFile: file + ".csv", lead: numbering?.captionLead)
        let html = ChartFigure.figure(
            id: prefix, content: chart.svg + (narrow.map { "\n" + $0.svg } ?? ""),
            caption: ChartFigure.caption(
                words, chart: chart, csvFile: file + ".csv", phoneChart: narrow,
                lead: numbering?.captionLead))
        let image =
            "<img src=\"\(file).svg\" alt=\"\(HTMLText.escape(chart.description))\" width=\"\(Int(spec.width))\" height=\"\(Int(spec.height))\">"
        let feedHTML = ChartFigure.figure(id: prefix, content: image, caption: caption)
        return DirectiveOutput(
            html: html, feedHTML: feedHTML,
            files: [
                file + ".svg": Data(chart.standaloneSVG.utf8),
                file + ".csv": Data(csv.utf8),
            ], label: numbering?.target, citations: words.citations)
    }
}

/// The `<figure>` around a chart.
enum ChartFigure {
    static func figure(id: String, content: String, caption: String) -> String {
        "<figure class=\"chart\" id=\"\(id)\">\n\(content)\n<figcaption>\(caption)</figcaption>\n</figure>"
    }

    /// The title and caption as the caption shows them: citations swapped for placeholders (`CaptionCitations`).
    struct Words {
        var title: String?
        var caption: String?
        var citations: [CitationMark] = []
    }

    static func captionWords(spec: ChartSpec, block: DirectiveBlock) -> Words {
        var words = Words()
        for (key, text) in [("title", spec.title), ("caption", spec.caption)] {
            guard let text else { continue }
            let scanned = CaptionCitations.scan(text, firstNumber: words.citations.count, at: location(ofKey: key, in: block))
            words.citations += scanned.marks
            if key == "title" { words.title = scanned.text } else { words.caption = scanned.text }
        }
        return words
    }

    /// The line of a top-level `key:` in the body (where its value starts), for messages about what it cites.
    static func location(ofKey key: String, in block: DirectiveBlock) -> SourceLocation {
        let lines = block.body.split(separator: "\n", omittingEmptySubsequences: false)
        guard let index = lines.firstIndex(where: { $0.hasPrefix(key + ":") }) else { return block.bodyLocation }
        let value = lines[index].dropFirst(key.count + 1).prefix { $0 == " " || $0 == "\"" || $0 == "'" }
        return SourceLocation(
            path: block.bodyLocation.path, line: block.bodyLocation.line + index,
            column: block.bodyLocation.column + key.utf8.count + 1 + value.utf8.count)
    }

    static func caption(_ words: Words, chart: RenderedChart, csvFile: String, phoneChart: RenderedChart? = nil, lead: String? = nil)
        -> String
    {
        var parts: [String] = lead.map { [$0] } ?? []
        if let title = words.title { parts.append("<span class=\"chart-title\">\(ChartCaption.html(title))</span>") }
        if let caption = words.caption { parts.append(ChartCaption.html(caption)) }
        // With a phone layout, notes that hold for one layout only (its own
        // thinning, a key to numbered markers) show only with it (charts.css).
        let phoneNotes = phoneChart?.notes ?? chart.notes
        for note in chart.notes {
            let only = phoneNotes.contains(note) ? "" : " chart-wide-note"
            parts.append("<span class=\"chart-note\(only)\">\(HTMLText.escape(note))</span>")
        }
        for note in phoneNotes where !chart.notes.contains(note) {
            parts.append("<span class=\"chart-note chart-narrow-note\">\(HTMLText.escape(note))</span>")
        }
        parts.append("<a class=\"chart-data\" href=\"\(HTMLText.escape(csvFile))\">data (CSV)</a>")
        return parts.joined(separator: " ")
    }
}

extension ChartDirective {
    /// The columns each table's layers name, found by walking the spec's
    /// values so that no encoding key, including one added later, is missed.
    static func columnsNamed(by spec: ChartSpec) -> [String: Set<String>] {
        var named: [String: Set<String>] = [:]
        for (index, layer) in spec.layers.enumerated() {
            var fields = Set<String>()
            collectFields(in: layer, into: &fields)
            if index == 0, let facet = spec.facet { fields.insert(facet.field.field) }
            named[layer.data, default: []].formUnion(fields)
        }
        return named
    }

    private static func collectFields(in value: Any, into fields: inout Set<String>) {
        if let field = value as? FieldSpec {
            fields.insert(field.field)
            return
        }
        for child in Mirror(reflecting: value).children { collectFields(in: child.value, into: &fields) }
    }

    /// A table read column by column (Parquet) reads only the named columns;
    /// when one is not in the file, the whole table, so the chart's error
    /// about it can suggest every real column.
    static func columnsToRead(_ table: String, named: Set<String>, scope: DataScope) throws -> Set<String>? {
        guard let available = try scope.columnNames(of: table), named.isSubset(of: available) else { return nil }
        return named
    }
}
