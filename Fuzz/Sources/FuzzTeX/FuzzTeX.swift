import QuireMarkdown

/// TeX math to MathML: the first byte picks inline or display and whether a
/// macro is predefined, the rest is the formula. Besides never crashing, the
/// result must be balanced markup, and a failure must point inside the source.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTeX(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let tex = String(decoding: UnsafeBufferPointer(start: data + 1, count: size - 1), as: UTF8.self)
    var macros = TeXMacros()
    if data[0] & 2 != 0 { macros = TeXMacros(["\\R": "\\mathbb{R}", "\\pair": "\\langle #1, #2 \\rangle"]) }
    do {
        let mathML = try TeXToMathML.convert(tex, display: data[0] & 1 != 0, macros: macros)
        if let problem = unbalanced(mathML) { fatalError("unbalanced MathML (\(problem)) from \(tex.debugDescription): \(mathML)") }
    } catch {
        if error.offset < 0 || error.offset > tex.utf8.count {
            fatalError("failure offset \(error.offset) outside the \(tex.utf8.count)-byte source \(tex.debugDescription)")
        }
    }
    return 0
}

/// The first tag that does not close in order, if any (`<x/>` closes itself).
/// Read as bytes: a combining mark after `>` would make one Character of both.
func unbalanced(_ markup: String) -> String? {
    let bytes = Array(markup.utf8)
    var open: [ArraySlice<UInt8>] = []
    var index = 0
    while let start = bytes[index...].firstIndex(of: UInt8(ascii: "<")) {
        guard let end = bytes[start...].firstIndex(of: UInt8(ascii: ">")) else { return "a '<' that never ends" }
        let tag = bytes[(start + 1)..<end]
        index = end + 1
        if tag.last == UInt8(ascii: "/") { continue }
        if tag.first == UInt8(ascii: "/") {
            guard let last = open.popLast(), last.elementsEqual(tag.dropFirst()) else {
                return "</" + String(decoding: tag.dropFirst(), as: UTF8.self) + ">"
            }
        } else {
            open.append(tag.prefix { $0 != UInt8(ascii: " ") })
        }
    }
    return open.last.map { "<" + String(decoding: $0, as: UTF8.self) + "> never closed" }
}
