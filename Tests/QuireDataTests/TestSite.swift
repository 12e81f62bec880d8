import Foundation

@testable import QuireData

/// A throwaway site folder with `content/posts/p/` as the bundle, removed when
/// the value is released.
final class TestSite {
    let root: URL
    var content: URL { root.appendingPathComponent("content") }
    var bundle: URL { content.appendingPathComponent("posts/p") }
    var siteData: URL { content.appendingPathComponent("data") }

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("quire-data-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: bundle, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: siteData, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    @discardableResult
    func write(_ name: String, _ text: String, in folder: URL? = nil) throws -> URL {
        try write(name, Data(text.utf8), in: folder)
    }

    @discardableResult
    func write(_ name: String, _ data: Data, in folder: URL? = nil) throws -> URL {
        let url = (folder ?? bundle).appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
        return url
    }

    func scope() throws -> DataScope {
        try DataScope(siteRoot: root, contentRoot: content, bundleDirectory: bundle, siteDataDirectory: siteData)
    }
}

/// `.npy` bytes as numpy writes them (format 1.0, header padded to 64 bytes).
func npyBytes(descr: String, shape: [Int], fortran: Bool = false, payload: [UInt8]) -> Data {
    let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    var header = "{'descr': '\(descr)', 'fortran_order': \(fortran ? "True" : "False"), 'shape': \(shapeText), }"
    while (10 + header.utf8.count + 1) % 64 != 0 { header += " " }
    header += "\n"
    var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0]
    bytes += [UInt8(header.utf8.count & 0xFF), UInt8(header.utf8.count >> 8)]
    bytes += Array(header.utf8)
    bytes += payload
    return Data(bytes)
}

func littleEndianBytes<T: FixedWidthInteger>(_ values: [T]) -> [UInt8] {
    values.flatMap { value in withUnsafeBytes(of: value.littleEndian) { Array($0) } }
}

func doubleBytes(_ values: [Double]) -> [UInt8] { littleEndianBytes(values.map(\.bitPattern)) }
func floatBytes(_ values: [Float]) -> [UInt8] { littleEndianBytes(values.map(\.bitPattern)) }
