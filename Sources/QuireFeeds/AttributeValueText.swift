/// The URL an attribute value as written in HTML stands for (the way back is
/// `HTMLText.escape(_:for: .attributeURL)`), so that a character reference such as `&#47;` cannot
/// hide a `/` from URL resolution.
///
/// Only references whose meaning is certain are decoded: numeric ones and the
/// five XML entities. A value with any other named reference (`&nbsp;`) is
/// reported as undecodable and the caller leaves it exactly as written.
package enum AttributeValueText {
    /// The URL a value stands for, or nil when it holds a reference we do not decode.
    package static func decode(_ raw: String) -> String? {
        guard raw.utf8.contains(UInt8(ascii: "&")) else { return raw }
        let bytes = Array(raw.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "&") else {
                out.append(bytes[index])
                index += 1
                continue
            }
            let nameStart = index + 1
            var end = nameStart
            if end < bytes.count, bytes[end] == UInt8(ascii: "#") { end += 1 }
            while end < bytes.count, isASCIIAlphanumeric(bytes[end]) { end += 1 }
            guard end > nameStart else {
                out.append(bytes[index])  // a bare "&" is just an ampersand
                index += 1
                continue
            }
            let name = String(decoding: bytes[nameStart..<end], as: UTF8.self)
            let hasSemicolon = end < bytes.count && bytes[end] == UInt8(ascii: ";")
            if name.hasPrefix("#") {
                guard hasSemicolon, let scalar = numericReference(name.dropFirst()) else { return nil }
                UTF8.encode(scalar) { out.append($0) }
            } else if hasSemicolon {
                guard let character = namedReferences[name] else { return nil }
                out.append(character)
            } else if namedReferences[name] != nil {
                return nil  // "&amp" without ";" has rules of its own in HTML; leave it as written
            } else {
                out.append(contentsOf: bytes[index..<end])
                index = end
                continue
            }
            index = end + 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let namedReferences: [String: UInt8] = [
        "amp": UInt8(ascii: "&"), "lt": UInt8(ascii: "<"), "gt": UInt8(ascii: ">"),
        "quot": UInt8(ascii: "\""), "apos": UInt8(ascii: "'"),
    ]

    /// `#38` or `#x26` without the "#"; nil for anything that is not a valid, allowed scalar.
    private static func numericReference(_ digits: Substring) -> Unicode.Scalar? {
        let isHex = digits.first == "x" || digits.first == "X"
        let number = isHex ? digits.dropFirst() : digits
        guard !number.isEmpty, number.count <= 8, let value = UInt32(number, radix: isHex ? 16 : 10),
            let scalar = Unicode.Scalar(value), value != 0
        else { return nil }
        return scalar
    }

    private static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        isASCIILetter(byte) || (0x30...0x39).contains(byte)
    }
}
