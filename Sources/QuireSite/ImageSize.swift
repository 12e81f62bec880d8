import Foundation

/// An image's pixel size read from its header — PNG, JPEG, GIF, WebP — or an
/// SVG's `width`/`height` (else its `viewBox`), so a page reserves the space
/// before the image loads.
enum ImageSize {
    struct Size: Equatable {
        var width: Int
        var height: Int
    }

    static func read(_ data: Data) -> Size? {
        let bytes = [UInt8](data.prefix(1 << 20))
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return png(bytes) }
        if bytes.starts(with: [0xFF, 0xD8]) { return jpeg(bytes) }
        if bytes.starts(with: Array("GIF87a".utf8)) || bytes.starts(with: Array("GIF89a".utf8)) { return gif(bytes) }
        if bytes.count >= 16, bytes.starts(with: Array("RIFF".utf8)), Array(bytes[8..<12]) == Array("WEBP".utf8) { return webp(bytes) }
        return svg(String(decoding: bytes.prefix(64 * 1024), as: UTF8.self))
    }

    static func bigEndian(_ bytes: [UInt8], _ at: Int, _ count: Int) -> Int {
        (0..<count).reduce(0) { $0 << 8 | Int(bytes[at + $1]) }
    }

    static func littleEndian(_ bytes: [UInt8], _ at: Int, _ count: Int) -> Int {
        (0..<count).reversed().reduce(0) { $0 << 8 | Int(bytes[at + $1]) }
    }

    static func valid(_ width: Int, _ height: Int) -> Size? {
        width > 0 && height > 0 ? Size(width: width, height: height) : nil
    }

    /// IHDR is the first chunk: width and height at bytes 16 and 20.
    static func png(_ bytes: [UInt8]) -> Size? {
        guard bytes.count >= 24, Array(bytes[12..<16]) == Array("IHDR".utf8) else { return nil }
        return valid(bigEndian(bytes, 16, 4), bigEndian(bytes, 20, 4))
    }

    /// Logical screen size at bytes 6 and 8, little-endian.
    static func gif(_ bytes: [UInt8]) -> Size? {
        guard bytes.count >= 10 else { return nil }
        return valid(littleEndian(bytes, 6, 2), littleEndian(bytes, 8, 2))
    }

    /// Walks the marker segments to the first start-of-frame (SOF0–SOF15 but DHT, JPG, DAC).
    static func jpeg(_ bytes: [UInt8]) -> Size? {
        var index = 2
        while index + 9 < bytes.count {
            guard bytes[index] == 0xFF else { return nil }
            let marker = bytes[index + 1]
            if marker == 0xFF {
                index += 1
                continue
            }
            if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) {
                index += 2
                continue
            }
            let length = bigEndian(bytes, index + 2, 2)
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                return valid(bigEndian(bytes, index + 7, 2), bigEndian(bytes, index + 5, 2))
            }
            guard length >= 2 else { return nil }
            index += 2 + length
        }
        return nil
    }

    /// RIFF container: the first chunk is VP8 (lossy), VP8L (lossless) or VP8X (extended).
    static func webp(_ bytes: [UInt8]) -> Size? {
        guard bytes.count >= 30 else { return nil }
        switch String(decoding: bytes[12..<16], as: UTF8.self) {
        case "VP8 ":
            // After the frame tag (3 bytes) and start code 9D 01 2A: 14-bit sizes.
            guard bytes[23] == 0x9D, bytes[24] == 0x01, bytes[25] == 0x2A else { return nil }
            return valid(littleEndian(bytes, 26, 2) & 0x3FFF, littleEndian(bytes, 28, 2) & 0x3FFF)
        case "VP8L":
            guard bytes[20] == 0x2F else { return nil }
            let bits = littleEndian(bytes, 21, 4)
            return valid((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
        case "VP8X":
            return valid(littleEndian(bytes, 24, 3) + 1, littleEndian(bytes, 27, 3) + 1)
        default:
            return nil
        }
    }

    /// The root `<svg>`'s width and height in user units or px; else its viewBox's.
    static func svg(_ text: String) -> Size? {
        guard let start = text.range(of: "<svg"), let end = text[start.upperBound...].firstIndex(of: ">") else { return nil }
        let tag = String(text[start.upperBound..<end])
        func attribute(_ name: String) -> String? {
            guard let match = tag.firstMatch(of: try! Regex("(?:^|\\s)\(name)\\s*=\\s*[\"']([^\"']*)[\"']")),
                let value = match.output[1].substring
            else { return nil }
            return String(value).trimmingCharacters(in: .whitespaces)
        }
        func length(_ value: String?) -> Double? {
            guard var value else { return nil }
            if value.hasSuffix("px") { value.removeLast(2) }
            return Double(value)
        }
        if let width = length(attribute("width")), let height = length(attribute("height")) {
            return valid(Int(width.rounded()), Int(height.rounded()))
        }
        if let box = attribute("viewBox") {
            let numbers = box.split(whereSeparator: { $0 == " " || $0 == "," }).compactMap { Double($0) }
            if numbers.count == 4 { return valid(Int(numbers[2].rounded()), Int(numbers[3].rounded())) }
        }
        return nil
    }
}
