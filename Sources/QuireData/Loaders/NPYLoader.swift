import QuireDiagnostics

/// NumPy `.npy` files (format versions 1–3): the header is checked against the
/// file's real size before any element is read, so a header that promises more
/// bytes than the file holds is an error, never an out-of-bounds read.
public enum NPYLoader {
    public static func load(path filePath: String, displayPath: String) throws -> Matrix {
        guard let storage = MatrixStorage.map(path: filePath) else {
            throw Diagnostic.error(at: SourceLocation(path: displayPath), "cannot read this .npy file (empty or unreadable)")
        }
        let header = try parseHeader(UnsafeRawBufferPointer(start: storage.base, count: storage.byteCount), path: displayPath)
        return Matrix(
            shape: header.shape, elementType: header.elementType, fortranOrder: header.fortranOrder,
            bigEndian: header.bigEndian, storage: storage, dataOffset: header.dataOffset)
    }

    /// The same checks over bytes already in memory (fuzzing, tests); the
    /// matrix owns a copy of the bytes.
    public static func load(bytes: [UInt8], displayPath: String) throws -> Matrix {
        let storage = MatrixStorage(copying: bytes)
        let header = try parseHeader(UnsafeRawBufferPointer(start: storage.base, count: storage.byteCount), path: displayPath)
        return Matrix(
            shape: header.shape, elementType: header.elementType, fortranOrder: header.fortranOrder,
            bigEndian: header.bigEndian, storage: storage, dataOffset: header.dataOffset)
    }

    struct Header: Equatable {
        var elementType: Matrix.ElementType
        var bigEndian: Bool
        var fortranOrder: Bool
        var shape: [Int]
        var dataOffset: Int
    }

    static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]

    static func parseHeader(_ bytes: UnsafeRawBufferPointer, path: String) throws -> Header {
        let location = SourceLocation(path: path)
        func fail(_ message: String, hint: String? = nil) -> Diagnostic {
            .error(at: location, "not a valid .npy file: \(message)", hint: hint)
        }
        guard bytes.count >= 10, Array(bytes[0..<6]) == magic else { throw fail("it does not start with the NumPy magic bytes") }
        let major = bytes[6]
        let headerLength: Int
        let headerStart: Int
        switch major {
        case 1:
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
            headerStart = 10
        case 2, 3:
            guard bytes.count >= 12 else { throw fail("the header is cut short") }
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
            headerStart = 12
        default:
            throw fail("format version \(major) is not supported")
        }
        guard headerLength <= 1 << 20, headerStart + headerLength <= bytes.count else { throw fail("the header is longer than the file") }
        let text = String(decoding: bytes[headerStart..<headerStart + headerLength], as: UTF8.self)
        let fields = try parseDictionary(text, fail: fail)

        guard let descr = fields["descr"], case .string(let code) = descr else { throw fail("the header has no 'descr'") }
        let (elementType, bigEndian) = try elementType(for: code, fail: fail)
        var fortranOrder = false
        if let order = fields["fortran_order"] {
            guard case .boolean(let flag) = order else { throw fail("'fortran_order' must be True or False") }
            fortranOrder = flag
        }
        guard let shapeField = fields["shape"], case .tuple(let shape) = shapeField else { throw fail("the header has no 'shape'") }
        guard (1...3).contains(shape.count) else {
            throw fail("a \(shape.count)-D array; quire reads 1-D, 2-D and 3-D arrays", hint: "reshape it in numpy before saving")
        }
        // Every stride must fit too, including those of an empty array
        // (shape (0, 2⁶², 4) holds nothing, but its strides would overflow).
        var count = 1
        var span = 1
        for dimension in shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            let (spanProduct, spanOverflow) = span.multipliedReportingOverflow(by: max(1, dimension))
            guard dimension >= 0, !overflow, !spanOverflow, spanProduct <= Int.max / 8 else { throw fail("the shape is too large") }
            count = product
            span = spanProduct
        }
        // An empty array needs no bytes, so its other dimensions are bounded
        // here instead of by the file's size: loops over layers and rows must stay short.
        if count == 0, span > 1 << 24 {
            throw fail("an empty array of shape \(MatrixTable.shapeText(shape)) is too large")
        }
        let dataOffset = headerStart + headerLength
        let (needed, overflow) = count.multipliedReportingOverflow(by: elementType.size)
        let available = bytes.count - dataOffset
        guard !overflow, needed <= available else {
            throw fail(
                "the header promises \(overflow ? "more than Int.max" : String(needed)) bytes of data but the file holds \(available)",
                hint: "the file is truncated or its header lies; save it again with numpy.save")
        }
        return Header(elementType: elementType, bigEndian: bigEndian, fortranOrder: fortranOrder, shape: shape, dataOffset: dataOffset)
    }

    private static func elementType(for code: String, fail: (String, String?) -> Diagnostic) throws -> (Matrix.ElementType, Bool) {
        guard let order = code.first, code.count >= 2 else { throw fail("unknown dtype '\(code)'", nil) }
        let big: Bool
        switch order {
        case "<", "|", "=": big = false
        case ">": big = true
        default: throw fail("unknown dtype '\(code)'", nil)
        }
        let kinds: [String: Matrix.ElementType] = [
            "f2": .float16, "f4": .float32, "f8": .float64,
            "i1": .int8, "i2": .int16, "i4": .int32, "i8": .int64,
            "u1": .uint8, "u2": .uint16, "u4": .uint32, "u8": .uint64, "b1": .bool,
        ]
        guard let type = kinds[String(code.dropFirst())] else {
            throw fail("dtype '\(code)' is not supported", "quire reads float16/32/64, int8–64, uint8–64 and bool")
        }
        return (type, big)
    }

    enum HeaderValue: Equatable {
        case string(String)
        case boolean(Bool)
        case tuple([Int])
    }

    /// The header is a Python dict literal; only the three keys numpy writes are read.
    static func parseDictionary(_ text: String, fail: (String, String?) -> Diagnostic) throws -> [String: HeaderValue] {
        var scanner = Substring(text)
        func skip() { while let c = scanner.first, c == " " || c == "\n" || c == "\t" || c == "," { scanner.removeFirst() } }
        func quoted() throws -> String {
            guard let quote = scanner.first, quote == "'" || quote == "\"" else { throw fail("the header is malformed", nil) }
            scanner.removeFirst()
            guard let end = scanner.firstIndex(of: quote) else { throw fail("the header is malformed", nil) }
            let value = String(scanner[..<end])
            scanner = scanner[scanner.index(after: end)...]
            return value
        }
        skip()
        guard scanner.first == "{" else { throw fail("the header is not a dictionary", nil) }
        scanner.removeFirst()
        var result: [String: HeaderValue] = [:]
        while true {
            skip()
            guard let first = scanner.first else { throw fail("the header dictionary is never closed", nil) }
            if first == "}" { break }
            let key = try quoted()
            skip()
            guard scanner.first == ":" else { throw fail("the header is malformed", nil) }
            scanner.removeFirst()
            skip()
            guard let start = scanner.first else { throw fail("the header is malformed", nil) }
            if start == "'" || start == "\"" {
                result[key] = .string(try quoted())
            } else if scanner.hasPrefix("True") {
                result[key] = .boolean(true)
                scanner = scanner.dropFirst(4)
            } else if scanner.hasPrefix("False") {
                result[key] = .boolean(false)
                scanner = scanner.dropFirst(5)
            } else if start == "(" {
                guard let close = scanner.firstIndex(of: ")") else { throw fail("the shape is never closed", nil) }
                let inner = scanner[scanner.index(after: scanner.startIndex)..<close]
                var dimensions: [Int] = []
                for part in inner.split(separator: ",") {
                    let trimmed = part.trimmingCharacters(in: " \tL")
                    if trimmed.isEmpty { continue }
                    guard let dimension = Int(trimmed), dimension >= 0 else { throw fail("the shape holds '\(trimmed)', not a size", nil) }
                    dimensions.append(dimension)
                }
                result[key] = .tuple(dimensions)
                scanner = scanner[scanner.index(after: close)...]
            } else {
                throw fail("the header holds a value quire cannot read", nil)
            }
        }
        return result
    }
}

extension Substring {
    func trimmingCharacters(in set: String) -> String { String(self).trimmingCharacters(in: set) }
}
