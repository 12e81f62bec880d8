import QuireData
import QuireDiagnostics
import QuireYAML

/// YAML body of a ```chart block → `ChartSpec`, with every problem located
/// at its line and column in the post.
package enum ChartSpecParser {
    static let encodingKeys = ["data", "mark", "x", "y", "color", "size", "text", "stack", "y2", "opacity", "strokeDash"]
    static let chartKeys =
        encodingKeys + [
            "layers", "facet", "annotations", "title", "caption", "width", "height", "aspect", "alt", "max_points", "id", "labels",
        ]
    static let fieldKeys = ["field", "type", "title", "scale", "domain", "format"]
    static let colorKeys = ["field", "type", "title", "scheme", "domain", "format"]
    static let facetKeys = ["field", "columns", "title"]
    static let annotationKeys = ["x", "y", "label"]
    static let fieldTypes = ["quantitative", "nominal", "ordinal", "temporal"]

    /// - Parameter bodyLocation: where line 1 of `yaml` sits in the post.
    package static func parse(_ yaml: String, at bodyLocation: SourceLocation) throws -> ChartSpec {
        var reader = YAMLReading(base: bodyLocation)
        guard let root = try YAMLReader.read(yaml, at: bodyLocation) else {
            throw Diagnostic.error(at: bodyLocation, "the chart is empty", hint: "give at least 'data', 'mark', 'x' and 'y'")
        }
        let spec = parseChart(root, reader: &reader)
        if !reader.problems.isEmpty { throw DiagnosticList(reader.problems) }
        guard let spec else { throw Diagnostic.error(at: bodyLocation, "the chart could not be read") }
        return spec
    }

    /// Encodings a layer inherits from the chart unless it sets its own.
    private struct Encodings {
        var data: (String, SourceLocation)?
        var mark: (MarkKind, SourceLocation)?
        var x: FieldSpec?
        var y: [FieldSpec]?
        var color: ColorSpec?
        var size: FieldSpec?
        var text: FieldSpec?
        var stack: Bool?
        var y2: FieldSpec?
        var opacity: (Double, SourceLocation)?
        var strokeDash: ([Double], SourceLocation)?
        /// Keys that were given but could not be read (already reported).
        var invalid: Set<String> = []
    }

    private static func parseChart(_ root: YAMLNode, reader: inout YAMLReading) -> ChartSpec? {
        let pairs = reader.mapping(root, accepted: chartKeys, what: "the chart")
        guard root.isMapping else { return nil }
        var shared = Encodings()
        var layerNodes: YAMLNode?
        var spec = ChartSpec(
            layers: [], facet: nil, annotations: [], title: nil, caption: nil,
            width: ChartSpec.defaultWidth, height: 0, alt: nil,
            maxPoints: ChartSpec.defaultMaxPoints, location: reader.base)
        var height: Double?
        var aspect: Double?
        for (key, _, value) in pairs {
            if encodingKeys.contains(key) {
                readEncoding(key, value, into: &shared, reader: &reader)
                continue
            }
            switch key {
            case "layers": layerNodes = value
            case "facet": spec.facet = parseFacet(value, reader: &reader)
            case "annotations": spec.annotations = parseAnnotations(value, reader: &reader)
            case "title": spec.title = reader.string(value, key: key)
            case "caption": spec.caption = reader.string(value, key: key)
            case "alt": spec.alt = reader.string(value, key: key)
            case "id":
                spec.id = reader.string(value, key: key)
                spec.idLocation = reader.location(of: value)
            case "width": spec.width = reader.positive(value, key: key, maximum: 4000) ?? spec.width
            case "height": height = reader.positive(value, key: key, maximum: 4000)
            case "aspect": aspect = reader.positive(value, key: key, maximum: 20)
            case "max_points": spec.maxPoints = reader.integer(value, key: key, range: 10...1_000_000) ?? spec.maxPoints
            case "labels": spec.labels = parseLabels(value, reader: &reader)
            default: break
            }
        }
        spec.height = height ?? (spec.width / (aspect ?? ChartSpec.defaultAspect)).rounded()
        spec.sizeIsDefault = !pairs.contains { ["width", "height", "aspect"].contains($0.0) }

        if let layerNodes {
            guard let sequence = layerNodes.items, !sequence.isEmpty else {
                reader.fail(layerNodes, "'layers' must be a list of marks, each with its own encodings")
                return nil
            }
            for node in sequence {
                var own = shared
                let layerPairs = reader.mapping(node, accepted: encodingKeys, what: "a layer")
                for (key, _, value) in layerPairs { readEncoding(key, value, into: &own, reader: &reader) }
                inheritFieldSettings(from: shared, into: &own)
                if let layer = makeLayer(own, at: reader.location(of: node), reader: &reader) { spec.layers.append(layer) }
            }
        } else if let layer = makeLayer(shared, at: reader.base, reader: &reader) {
            spec.layers.append(layer)
        }
        return spec
    }

    private static func makeLayer(_ encodings: Encodings, at location: SourceLocation, reader: inout YAMLReading) -> LayerSpec? {
        guard let (data, dataLocation) = encodings.data else {
            if encodings.invalid.contains("data") { return nil }
            reader.problems.append(.error(at: location, "the chart needs 'data': the name of a table"))
            return nil
        }
        guard let (mark, markLocation) = encodings.mark else {
            if encodings.invalid.contains("mark") { return nil }
            reader.problems.append(
                .error(at: location, "the chart needs 'mark'", hint: "one of: \(MarkKind.allCases.map(\.rawValue).joined(separator: ", "))")
            )
            return nil
        }
        let y = encodings.y ?? []
        if mark != .rule, mark != .text, encodings.x == nil {
            reader.problems.append(.error(at: markLocation, "a \(mark.rawValue) chart needs 'x'"))
            return nil
        }
        if mark != .rule, y.isEmpty {
            reader.problems.append(.error(at: markLocation, "a \(mark.rawValue) chart needs 'y'"))
            return nil
        }
        if mark == .text, encodings.text == nil {
            reader.problems.append(.error(at: markLocation, "a text mark needs 'text': the column holding the labels"))
            return nil
        }
        if let y2 = encodings.y2, mark != .area {
            reader.problems.append(
                .error(at: y2.location, "'y2' draws a band and applies only to mark: area, not to a \(mark.rawValue) mark"))
            return nil
        }
        if let (_, dashLocation) = encodings.strokeDash, mark != .line, mark != .rule {
            reader.problems.append(.error(at: dashLocation, "'strokeDash' applies to lines and rules, not to a \(mark.rawValue) mark"))
            return nil
        }
        if encodings.y2 != nil, encodings.stack == true {
            reader.problems.append(.error(at: markLocation, "a band with 'y2' cannot also be stacked", hint: "leave out 'stack' or 'y2'"))
            return nil
        }
        var layer = LayerSpec(
            data: data, dataLocation: dataLocation, mark: mark, markLocation: markLocation,
            x: encodings.x, y: y, color: encodings.color, size: encodings.size,
            text: encodings.text, stack: encodings.stack ?? false)
        layer.y2 = encodings.y2
        layer.opacity = encodings.opacity?.0
        layer.strokeDash = encodings.strokeDash?.0
        return layer
    }

    /// The chart's `x` and `y` describe its axes: a layer that names its own
    /// column keeps the chart's scale, domain, title and format unless it sets
    /// them, so a top-level `y` domain is never silently dropped under `layers`.
    private static func inheritFieldSettings(from shared: Encodings, into own: inout Encodings) {
        func merge(_ field: FieldSpec, with chart: FieldSpec?) -> FieldSpec {
            guard let chart else { return field }
            var merged = field
            merged.scale = field.scale ?? chart.scale
            merged.domain = field.domain ?? chart.domain
            merged.title = field.title ?? chart.title
            merged.format = field.format ?? chart.format
            return merged
        }
        if let x = own.x { own.x = merge(x, with: shared.x) }
        if let y = own.y { own.y = y.map { merge($0, with: shared.y?.first) } }
    }

    private static func readEncoding(_ key: String, _ value: YAMLNode, into encodings: inout Encodings, reader: inout YAMLReading) {
        // `x: null` in a layer drops what the chart set for it.
        if value.isNull, ["x", "y", "color", "size", "text"].contains(key) {
            switch key {
            case "x": encodings.x = nil
            case "y": encodings.y = nil
            case "color": encodings.color = nil
            case "size": encodings.size = nil
            default: encodings.text = nil
            }
            return
        }
        let before = reader.problems.count
        defer { if reader.problems.count > before { encodings.invalid.insert(key) } }
        switch key {
        case "data":
            if let name = reader.string(value, key: key) { encodings.data = (name, reader.location(of: value)) }
        case "mark":
            if let mark = reader.choice(value, key: key, as: MarkKind.self) { encodings.mark = (mark, reader.location(of: value)) }
        case "x": encodings.x = parseField(value, key: key, reader: &reader)
        case "y":
            if let items = value.items {
                let fields = items.compactMap { parseField($0, key: key, reader: &reader) }
                if items.isEmpty { reader.fail(value, "'y' lists no columns") }
                encodings.y = fields
            } else if let field = parseField(value, key: key, reader: &reader) {
                encodings.y = [field]
            }
        case "color": encodings.color = parseColor(value, reader: &reader)
        case "size": encodings.size = parseField(value, key: key, reader: &reader)
        case "text": encodings.text = parseField(value, key: key, reader: &reader)
        case "stack": encodings.stack = reader.bool(value, key: key)
        case "y2": encodings.y2 = parseField(value, key: key, reader: &reader)
        case "opacity":
            guard let number = reader.number(value, key: key) else { return }
            guard (0...1).contains(number) else { return reader.fail(value, "'opacity' must be between 0 and 1") }
            encodings.opacity = (number, reader.location(of: value))
        case "strokeDash":
            guard let items = value.items, !items.isEmpty else {
                return reader.fail(value, "'strokeDash' must be a list of dash and gap lengths, e.g. [4, 2]")
            }
            let lengths = items.compactMap { reader.number($0, key: key) }
            guard lengths.count == items.count else { return }
            guard lengths.allSatisfy({ $0 >= 0 && $0 <= 1000 }), lengths.contains(where: { $0 > 0 }) else {
                return reader.fail(value, "'strokeDash' lengths must be 0 to 1000 with at least one above 0")
            }
            encodings.strokeDash = (lengths, reader.location(of: value))
        default: break
        }
    }

    static func parseField(
        _ node: YAMLNode, key: String, accepted: [String] = fieldKeys, reader: inout YAMLReading,
        other: (String, YAMLNode, inout YAMLReading) -> Void = { _, _, _ in }
    ) -> FieldSpec? {
        if node.isScalar {
            guard let name = reader.string(node, key: key), !name.isEmpty else { return nil }
            return FieldSpec(field: name, location: reader.location(of: node))
        }
        guard node.isMapping else {
            reader.fail(node, "'\(key)' must be a column name or {field: …, scale: …}")
            return nil
        }
        var field: FieldSpec?
        var title: String?
        var scale: ScaleKind?
        var domain: [Double]?
        var format: String?
        var type: String?
        for (name, _, value) in reader.mapping(node, accepted: accepted, what: "'\(key)'") {
            switch name {
            case "field":
                if let column = reader.string(value, key: name) { field = FieldSpec(field: column, location: reader.location(of: value)) }
            case "title": title = reader.string(value, key: name)
            case "scale": scale = reader.choice(value, key: "scale", as: ScaleKind.self)
            case "domain": domain = parseDomain(value, reader: &reader)
            case "format":
                format = reader.string(value, key: name)
                if let format, (try? NumberFormat(format)) == nil {
                    reader.fail(value, "'\(format)' is not a number format", hint: "d3-format style, e.g. ',.0f', '.1%', '.3s', '.2e'")
                }
            case "type":
                type = reader.string(value, key: name)
                if let word = type, !fieldTypes.contains(word) {
                    reader.fail(
                        value, "unknown type '\(word)'",
                        hint: Suggestions.didYouMean(word, in: fieldTypes) ?? "one of: \(fieldTypes.joined(separator: ", "))")
                }
            default: other(name, value, &reader)
            }
        }
        guard var result = field else {
            reader.fail(node, "'\(key)' needs 'field': the column to show")
            return nil
        }
        if scale == nil {
            switch type {
            case "temporal": scale = .time
            case "nominal", "ordinal": scale = .band
            case "quantitative": scale = .linear
            default: break
            }
        }
        result.title = title
        result.scale = scale
        result.domain = domain
        result.format = format
        return result
    }

    private static func parseDomain(_ node: YAMLNode, reader: inout YAMLReading) -> [Double]? {
        guard let items = node.items, items.count == 2 else {
            reader.fail(node, "'domain' must be a list of two numbers: [low, high]")
            return nil
        }
        let values = items.compactMap { reader.number($0, key: "domain") }
        guard values.count == 2 else { return nil }
        guard values[0] != values[1] else {
            reader.fail(node, "'domain' needs two different numbers")
            return nil
        }
        return values
    }

    private static func parseColor(_ node: YAMLNode, reader: inout YAMLReading) -> ColorSpec? {
        var scheme: ColorSchemeKind?
        let field = parseField(node, key: "color", accepted: colorKeys, reader: &reader) { key, value, reader in
            if key == "scheme" { scheme = reader.choice(value, key: "scheme", as: ColorSchemeKind.self) }
        }
        return field.map { ColorSpec(field: $0, scheme: scheme) }
    }

    private static func parseLabels(_ node: YAMLNode, reader: inout YAMLReading) -> [SeriesLabel] {
        guard let pairs = node.pairs else {
            reader.fail(node, "'labels' must map series names to legend text, e.g. {lr3e-4: \"lr 3e-4\"}")
            return []
        }
        var labels: [SeriesLabel] = []
        for (keyNode, value) in pairs {
            guard let key = keyNode.text else {
                reader.fail(keyNode, "keys of 'labels' must be series names")
                continue
            }
            guard let text = reader.string(value, key: "labels") else { continue }
            labels.append(SeriesLabel(series: key, text: text, location: reader.location(of: keyNode)))
        }
        return labels
    }

    private static func parseFacet(_ node: YAMLNode, reader: inout YAMLReading) -> FacetSpec? {
        if node.isScalar {
            return parseField(node, key: "facet", reader: &reader).map { FacetSpec(field: $0, columns: 3) }
        }
        var field: FieldSpec?
        var columns = 3
        var title: String?
        for (key, _, value) in reader.mapping(node, accepted: facetKeys, what: "'facet'") {
            switch key {
            case "field": field = parseField(value, key: "facet", reader: &reader)
            case "columns": columns = reader.integer(value, key: key, range: 1...12) ?? columns
            case "title": title = reader.string(value, key: key)
            default: break
            }
        }
        guard var field else {
            if node.isMapping { reader.fail(node, "'facet' needs 'field': the column that splits the chart") }
            return nil
        }
        field.title = title
        return FacetSpec(field: field, columns: columns)
    }

    private static func parseAnnotations(_ node: YAMLNode, reader: inout YAMLReading) -> [AnnotationSpec] {
        guard let items = node.items else {
            reader.fail(node, "'annotations' must be a list like [{x: 28000, label: \"…\"}]")
            return []
        }
        var annotations: [AnnotationSpec] = []
        for item in items {
            var annotation = AnnotationSpec(x: nil, y: nil, label: nil, location: reader.location(of: item))
            for (key, _, value) in reader.mapping(item, accepted: annotationKeys, what: "an annotation") {
                switch key {
                case "label": annotation.label = reader.string(value, key: key)
                default:
                    guard let text = reader.string(value, key: key) else { continue }
                    let position: AnnotationSpec.Position = value.number.map { .number($0) } ?? .text(text)
                    if key == "x" { annotation.x = position } else { annotation.y = position }
                }
            }
            if item.isMapping, annotation.x == nil, annotation.y == nil {
                reader.fail(item, "an annotation needs 'x' (a vertical marker) or 'y' (a horizontal one)")
                continue
            }
            annotations.append(annotation)
        }
        return annotations
    }
}
