import QuireDiagnostics

/// Hugging Face `.safetensors` files: an 8-byte little-endian header length,
/// a JSON header naming each tensor's dtype, shape and byte range, then the
/// tensors' bytes. The header is checked against the file before any tensor
/// is read — every range inside the data, the ranges back to back with no
/// gap or overlap, each range exactly its dtype's size times its shape — and
/// a tensor is then a memory-mapped matrix, as `.npy` files are.
public enum SafetensorsLoader {
    struct Entry: Equatable {
        var name: String
        var dtype: String
        var shape: [Int]
        var begin: Int
        var end: Int
    }

    struct Header: Equatable {
        var entries: [Entry]
        /// Where tensor bytes start in the file.
        var dataOffset: Int
    }

    static let elementTypes: [String: Matrix.ElementType] = [
        "F16": .float16, "BF16": .bfloat16, "F32": .float32, "F64": .float64,
        "I8": .int8, "I16": .int16, "I32": .int32, "I64": .int64,
        "U8": .uint8, "U16": .uint16, "U32": .uint32, "U64": .uint64, "BOOL": .bool,
    ]

    /// The format's own bound on the JSON header.
    static let maxHeaderBytes = 100_000_000

    /// Tensor names in the file, in the header's order of their bytes.
    static func tensorNames(path: String, displayPath: String) throws -> [String] {
        guard let storage = MatrixStorage.map(path: path) else {
            throw Diagnostic.error(at: SourceLocation(path: displayPath), "cannot read this .safetensors file (empty or unreadable)")
        }
        return try parseHeader(UnsafeRawBufferPointer(start: storage.base, count: storage.byteCount), path: displayPath).entries.map(\.name)
    }

    public static func load(path: String, tensor: String, displayPath: String) throws -> Matrix {
        guard let storage = MatrixStorage.map(path: path) else {
            throw Diagnostic.error(at: SourceLocation(path: displayPath), "cannot read this .safetensors file (empty or unreadable)")
        }
        return try matrix(tensor, storage: storage, displayPath: displayPath)
    }

    /// Every tensor of bytes in memory, by name (fuzzing, tests).
    public static func loadAll(bytes: [UInt8], displayPath: String) throws -> [String: Matrix] {
        let storage = MatrixStorage(copying: bytes)
        let header = try parseHeader(UnsafeRawBufferPointer(start: storage.base, count: storage.byteCount), path: displayPath)
        var matrices: [String: Matrix] = [:]
        for entry in header.entries { matrices[entry.name] = try matrix(entry.name, storage: storage, displayPath: displayPath) }
        return matrices
    }

    static func matrix(_ name: String, storage: MatrixStorage, displayPath: String) throws -> Matrix {
        let location = SourceLocation(path: displayPath)
        let header = try parseHeader(UnsafeRawBufferPointer(start: storage.base, count: storage.byteCount), path: displayPath)
        guard let entry = header.entries.first(where: { $0.name == name }) else {
            throw Diagnostic.error(at: location, "this .safetensors file has no tensor '\(name)'")
        }
        guard let type = elementTypes[entry.dtype] else {
            throw Diagnostic.error(
                at: location, "tensor '\(name)' has dtype \(entry.dtype), which quire does not read",
                hint: "quire reads F16, BF16, F32, F64, I8–I64, U8–U64 and BOOL")
        }
        // A scalar is a one-element vector; quire's matrices have 1 to 3 axes.
        let shape = entry.shape.isEmpty ? [1] : entry.shape
        guard shape.count <= 3 else {
            throw Diagnostic.error(
                at: location,
                "tensor '\(name)' has \(shape.count) axes \(MatrixTable.shapeText(shape)); quire reads 1-D, 2-D and 3-D tensors",
                hint: "reshape it before saving")
        }
        if shape.reduce(1, *) == 0, shape.reduce(1, { $0 * max(1, $1) }) > 1 << 24 {
            throw Diagnostic.error(at: location, "tensor '\(name)' is an empty tensor of shape \(MatrixTable.shapeText(shape)), too large")
        }
        return Matrix(
            shape: shape, elementType: type, fortranOrder: false, bigEndian: false, storage: storage,
            dataOffset: header.dataOffset + entry.begin)
    }

    static func parseHeader(_ bytes: UnsafeRawBufferPointer, path: String) throws -> Header {
        let location = SourceLocation(path: path)
        func fail(_ message: String) -> Diagnostic {
            .error(
                at: location, "not a valid .safetensors file: \(message)",
                hint: "the file is damaged or not safetensors; save it again with safetensors")
        }
        guard bytes.count >= 8 else { throw fail("it is shorter than its 8-byte header length") }
        let length = UInt64(littleEndian: bytes.loadUnaligned(as: UInt64.self))
        guard length <= UInt64(min(maxHeaderBytes, bytes.count - 8)) else {
            throw fail("the header claims \(length) bytes but the file holds \(bytes.count - 8) after the length")
        }
        let headerEnd = 8 + Int(length)
        let json: JSONValue
        do {
            json = try JSONParser.parse(Array(bytes[8..<headerEnd]))
        } catch {
            throw fail("its JSON header is malformed (\(error.message) at line \(error.line), column \(error.column))")
        }
        guard case .object(let members) = json else { throw fail("its header is not a JSON object") }
        var entries: [Entry] = []
        var seen: Set<String> = []
        for (name, value) in members where name != "__metadata__" {
            guard seen.insert(name).inserted else { throw fail("tensor '\(name)' is listed twice") }
            guard case .object(let fields) = value else { throw fail("tensor '\(name)' is not described by an object") }
            func field(_ key: String) -> JSONValue? { fields.first { $0.0 == key }?.1 }
            guard case .string(let dtype)? = field("dtype") else { throw fail("tensor '\(name)' has no dtype") }
            guard case .array(let shapeValues)? = field("shape") else { throw fail("tensor '\(name)' has no shape") }
            guard case .array(let offsetValues)? = field("data_offsets"), offsetValues.count == 2,
                case .integer(let begin) = offsetValues[0], case .integer(let end) = offsetValues[1]
            else {
                throw fail("tensor '\(name)' has no data_offsets [begin, end]")
            }
            var shape: [Int] = []
            var count: Int64 = 1
            for dimension in shapeValues {
                guard case .integer(let size) = dimension, size >= 0 else {
                    throw fail("tensor '\(name)' has a shape that is not a list of sizes")
                }
                let (product, overflow) = count.multipliedReportingOverflow(by: size)
                guard !overflow, product <= Int64(Int.max / 16) else { throw fail("tensor '\(name)' has a shape too large") }
                count = product
                shape.append(Int(size))
            }
            let dataBytes = bytes.count - headerEnd
            guard begin >= 0, begin <= end, end <= Int64(dataBytes) else {
                throw fail("tensor '\(name)' lies at bytes \(begin)–\(end), outside the \(dataBytes) bytes of data")
            }
            if let type = elementTypes[dtype], count * Int64(type.size) != end - begin {
                throw fail(
                    "tensor '\(name)' of dtype \(dtype) and shape \(MatrixTable.shapeText(shape)) needs \(count * Int64(type.size)) bytes but has \(end - begin)"
                )
            }
            entries.append(Entry(name: name, dtype: dtype, shape: shape, begin: Int(begin), end: Int(end)))
        }
        entries.sort { ($0.begin, $0.end) < ($1.begin, $1.end) }
        var next = 0
        for entry in entries {
            guard entry.begin == next else {
                throw fail(
                    entry.begin > next
                        ? "the data has a gap before tensor '\(entry.name)' (bytes \(next)–\(entry.begin))"
                        : "tensor '\(entry.name)' overlaps the tensor before it")
            }
            next = entry.end
        }
        guard next == bytes.count - headerEnd else {
            throw fail("the tensors cover \(next) bytes but the file holds \(bytes.count - headerEnd) bytes of data")
        }
        return Header(entries: entries, dataOffset: headerEnd)
    }
}
