import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads a rendered SVG back with a real XML parser, so tests check what a
/// browser would see rather than the renderer's own numbers.
struct SVGInspector {
    let document: XMLDocument

    init(_ svg: String) throws {
        document = try XMLDocument(xmlString: svg, options: [])
    }

    var root: XMLElement? { document.rootElement() }

    func elements(_ xpath: String) throws -> [XMLElement] {
        try document.nodes(forXPath: xpath).compactMap { $0 as? XMLElement }
    }

    static func attribute(_ element: XMLElement, _ name: String) -> String? {
        // attribute(forName:) misses attributes in a default namespace on Linux.
        element.attributes?.first { $0.name == name }?.stringValue
    }

    /// (pixel, label) of the labelled ticks of the first panel's axis.
    func ticks(_ axis: String) throws -> [(pixel: Double, label: String)] {
        let coordinate = axis == "x-axis" ? "x" : "y"
        return try elements("(//*[@class='panel'])[1]/*[@class='\(axis)']/*[local-name()='text']").compactMap { text in
            guard let value = Self.attribute(text, coordinate).flatMap(Double.init) else { return nil }
            return (value, text.stringValue ?? "")
        }
    }

    /// A linear map from pixels back to data, fitted through the first and last tick labels.
    func inverse(_ axis: String) throws -> (Double) -> Double {
        let ticks = try self.ticks(axis)
        guard let first = ticks.first, let last = ticks.last, let a = Self.number(first.label), let b = Self.number(last.label),
            first.pixel != last.pixel
        else {
            return { _ in .nan }
        }
        return { pixel in a + (pixel - first.pixel) * (b - a) / (last.pixel - first.pixel) }
    }

    /// The other way, data to pixels, through the same two tick labels.
    func forward(_ axis: String) throws -> (Double) -> Double {
        let ticks = try self.ticks(axis)
        guard let first = ticks.first, let last = ticks.last, let a = Self.number(first.label), let b = Self.number(last.label), a != b
        else {
            return { _ in .nan }
        }
        return { value in first.pixel + (value - a) * (last.pixel - first.pixel) / (b - a) }
    }

    /// The dots a points path draws: each subpath is a dot (`h0`) or a run of
    /// dots on neighbouring pixels of one row (`h3` draws four).
    static func dots(_ d: String) -> [(Double, Double)] {
        points(d).flatMap { subpath -> [(Double, Double)] in
            guard let start = subpath.first, let end = subpath.last, end.1 == start.1, end.0 >= start.0 else { return subpath }
            return (0...Int((end.0 - start.0).rounded())).map { (start.0 + Double($0), start.1) }
        }
    }

    /// Tick labels back to numbers: `−2`, `12.5k`, `3M`, `2e-4`, `35%`.
    static func number(_ label: String) -> Double? {
        var text = label.replacingOccurrences(of: "−", with: "-").replacingOccurrences(of: ",", with: "")
        var factor = 1.0
        if text.hasSuffix("%") {
            factor = 0.01
            text.removeLast()
        }
        let suffixes: [Character: Double] = ["k": 1e3, "M": 1e6, "G": 1e9, "T": 1e12, "m": 1e-3, "µ": 1e-6]
        if let last = text.last, let scale = suffixes[last] {
            factor = scale
            text.removeLast()
        }
        return Double(text).map { $0 * factor }
    }

    /// Absolute points of a path made of M/m/L/l/h/v/Z commands.
    static func points(_ d: String) -> [[(Double, Double)]] {
        var subpaths: [[(Double, Double)]] = []
        var tokens: [String] = []
        var current = ""
        for character in d {
            if character.isLetter {
                if !current.isEmpty {
                    tokens.append(current)
                    current = ""
                }
                tokens.append(String(character))
            } else if character == " " || character == "," {
                if !current.isEmpty {
                    tokens.append(current)
                    current = ""
                }
            } else if character == "-" {
                if !current.isEmpty { tokens.append(current) }
                current = "-"
            } else if character == ".", current.contains(".") {
                tokens.append(current)
                current = "."
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { tokens.append(current) }
        var index = 0
        var command = "M"
        var x = 0.0
        var y = 0.0
        func next() -> Double {
            defer { index += 1 }
            return Double(tokens[index]) ?? .nan
        }
        while index < tokens.count {
            if let first = tokens[index].first, first.isLetter {
                command = tokens[index]
                index += 1
                if command == "Z" || command == "z" {
                    // Closing returns to where the subpath started.
                    if let start = subpaths.last?.first { (x, y) = start }
                    continue
                }
            }
            switch command {
            case "M", "m":
                let (dx, dy) = (next(), next())
                (x, y) = command == "M" ? (dx, dy) : (x + dx, y + dy)
                subpaths.append([(x, y)])
                command = command == "M" ? "L" : "l"
            case "L", "l":
                let (dx, dy) = (next(), next())
                (x, y) = command == "L" ? (dx, dy) : (x + dx, y + dy)
                subpaths[subpaths.count - 1].append((x, y))
            case "h":
                x += next()
                subpaths[subpaths.count - 1].append((x, y))
            case "v":
                y += next()
                subpaths[subpaths.count - 1].append((x, y))
            default:
                index += 1
            }
        }
        return subpaths
    }
}
