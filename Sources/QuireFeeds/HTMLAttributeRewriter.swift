/// Replaces attribute values in HTML while copying every other byte through
/// unchanged; which values it sees is `HTMLAttributeScanner`'s reading.
struct HTMLAttributeRewriter {
    /// Given the lowercased attribute name and its value as written (entities
    /// undecoded), returns the replacement as it should be written — safe in
    /// any quoting, as `HTMLText.escape(_:for: .attributeURL)` makes it — or
    /// nil to keep the value.
    typealias Replacement = (_ attribute: String, _ rawValue: String) -> String?

    /// Only attributes named in `attributes` (lowercase) are offered to
    /// `replacement`: the rest, most of a page, are passed over without
    /// making strings of them.
    static func rewrite(_ html: String, attributes names: [StaticString], replacement: Replacement) -> String {
        let bytes = Array(html.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 8)
        // Everything before this index has been written to `output`.
        var copiedUpTo = 0
        bytes.withUnsafeBufferPointer { bytes in
            HTMLAttributeScanner.forEachAttribute(in: bytes) { attribute in
                guard names.contains(where: { HTMLAttributeScanner.bytes(attribute.name, in: bytes, spell: $0) }) else { return }
                let name = String(decoding: bytes[attribute.name].map(asciiLowercase), as: UTF8.self)
                let raw = String(decoding: bytes[attribute.value], as: UTF8.self)
                guard let replaced = replacement(name, raw), replaced != raw else { return }
                output.append(contentsOf: bytes[copiedUpTo..<attribute.value.lowerBound])
                // An unquoted value is quoted: the new one may hold characters an unquoted value cannot.
                if !attribute.isQuoted { output.append(UInt8(ascii: "\"")) }
                output.append(contentsOf: replaced.utf8)
                if !attribute.isQuoted { output.append(UInt8(ascii: "\"")) }
                copiedUpTo = attribute.value.upperBound
            }
            output.append(contentsOf: bytes[copiedUpTo...])
        }
        return String(decoding: output, as: UTF8.self)
    }
}
