import Foundation
import QuireDiagnostics

/// A shape's output, with its text left out.
struct Skeleton: Sendable {
    enum Part: Sendable {
        /// The template's own text: `literals[index]`.
        case literal(Int)
        /// The text of lookup `lookup`, escaped for HTML or as it is, without
        /// its last character where the skeleton keeps that after the marker.
        case text(lookup: Int, escaped: Bool, keptLast: Bool)
        /// A long list's items, each filled from its own texts: `lists[index]`
        /// (`RepeatedList`). An index, so that parts stay plain values.
        case repeated(Int)
    }

    struct RepeatedParts: Sendable {
        /// Which long list of the page, in the order a replay meets them.
        let list: Int
        /// How many lookups each item makes.
        let lookupsPerItem: Int
        /// One item's parts, its `text` lookups counted from the item's first
        /// (never `repeated`: a long list inside an item is not folded).
        let item: [Part]
        /// The literals before the first item, between two, and after the last.
        let lead: Int?
        let joint: Int?
        let tail: Int?
        /// The UTF-8 length of an item's literals and a joint.
        let literalLengthPerItem: Int
    }

    let parts: [Part]
    let lists: [RepeatedParts]
    /// Kept apart from `parts` and read through buffer pointers: pages of a
    /// shape are filled on every core at once, and each literal copied out of
    /// a part took and gave back a reference count on memory both cores wrote.
    let literals: [String]
    /// The UTF-8 length of all of `literals`.
    private let literalLength: Int

    /// Private-use characters around a backslash and an ampersand: HTML
    /// escaping changes the ampersand and nothing else, and any other way of
    /// printing text (Swift's own, of a context printed whole) the backslash.
    static func marker(_ lookup: Int) -> String { "\u{E000}\\&\(lookup)\u{E001}" }
    static let unreadable = "\u{E000}?"

    /// The skeleton of `output`, the probe's render; nil when it holds a
    /// marker of another form, or one that stands for no text.
    init?(_ output: String, _ outcomes: [ShapeOutcome]) {
        var parts: [Part] = []
        var literals: [String] = []
        func literal(_ bytes: UnsafeBufferPointer<UInt8>) {
            literals.append(String(decoding: bytes, as: UTF8.self))
            parts.append(.literal(literals.count - 1))
        }
        var output = output
        let found: Bool = output.withUTF8 { bytes in
            var literalStart = 0
            var index = 0
            func byte(_ at: Int) -> UInt8 { at < bytes.count ? bytes[at] : 0 }
            while index < bytes.count {
                // U+E000 is EE 80 80 in UTF-8.
                guard bytes[index] == 0xEE, byte(index + 1) == 0x80, byte(index + 2) == 0x80 else {
                    index += 1
                    continue
                }
                var cursor = index + 3
                guard byte(cursor) == UInt8(ascii: "\\"), byte(cursor + 1) == UInt8(ascii: "&") else { return false }
                cursor += 2
                let escaped = Array(UnsafeBufferPointer(rebasing: bytes[cursor..<min(cursor + 4, bytes.count)])) == Array("amp;".utf8)
                if escaped { cursor += 4 }
                var lookup = 0
                let digitsStart = cursor
                while (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte(cursor)), cursor - digitsStart < 9 {
                    lookup = lookup * 10 + Int(byte(cursor) - UInt8(ascii: "0"))
                    cursor += 1
                }
                guard cursor > digitsStart, byte(cursor) == 0xEE, byte(cursor + 1) == 0x80, byte(cursor + 2) == 0x81,
                    lookup < outcomes.count, case .text(let kept) = outcomes[lookup]
                else { return false }
                if literalStart < index {
                    literal(UnsafeBufferPointer(rebasing: bytes[literalStart..<index]))
                }
                parts.append(.text(lookup: lookup, escaped: escaped, keptLast: !kept.isEmpty))
                index = cursor + 3
                literalStart = index
            }
            if literalStart < bytes.count {
                literal(UnsafeBufferPointer(rebasing: bytes[literalStart...]))
            }
            return true
        }
        guard found else { return nil }
        self.init(parts: parts, lists: [], literals: literals)
    }

    init(parts: [Part], lists: [RepeatedParts], literals: [String]) {
        self.parts = parts
        self.lists = lists
        self.literals = literals
        literalLength = literals.reduce(0) { $0 + $1.utf8.count }
    }

    /// The page that `replay` found the texts of.
    func filled(with replay: Replay) -> String {
        filled(with: replay.texts, items: replay.itemTexts, repeats: replay.repeats)
    }

    /// The page: the skeleton with each lookup's text in its place, and each
    /// long list's items (`repeats`, in `items`) in theirs.
    func filled(with texts: [String], items: [String] = [], repeats: [(start: Int, count: Int)] = []) -> String {
        var page = ""
        parts.withUnsafeBufferPointer { parts in
            var length = literalLength
            for part in parts {
                switch part {
                case .literal: continue
                case .text(let lookup, _, _): length += texts[lookup].utf8.count
                case .repeated(let index):
                    let list = lists[index]
                    let (start, count) = repeats[list.list]
                    length += count * list.literalLengthPerItem
                    for index in start..<start + count * list.lookupsPerItem { length += items[index].utf8.count }
                }
            }
            page.reserveCapacity(length + length / 8)
            literals.withUnsafeBufferPointer { literals in
                for part in parts {
                    switch part {
                    case .literal(let index): page += literals[index]
                    case .text(let lookup, let escaped, let keptLast): Self.append(texts[lookup], escaped, keptLast, to: &page)
                    case .repeated(let index):
                        let list = lists[index]
                        let (start, count) = repeats[list.list]
                        if let lead = list.lead { page += literals[lead] }
                        for item in 0..<count {
                            if item > 0, let joint = list.joint { page += literals[joint] }
                            let first = start + item * list.lookupsPerItem
                            for part in list.item {
                                switch part {
                                case .literal(let index): page += literals[index]
                                case .text(let lookup, let escaped, let keptLast):
                                    Self.append(items[first + lookup], escaped, keptLast, to: &page)
                                case .repeated: continue  // a long list inside an item is never folded
                                }
                            }
                        }
                        if let tail = list.tail { page += literals[tail] }
                    }
                }
            }
        }
        return page
    }

    /// A lookup's text as a part shows it.
    @inline(__always)
    private static func append(_ text: String, _ escaped: Bool, _ keptLast: Bool, to page: inout String) {
        // Escaping leaves a line feed or carriage return as it is, and each is one byte.
        let text = escaped ? HTMLText.escape(text) : text
        page += keptLast ? text[..<text.utf8.index(before: text.endIndex)] : text[...]
    }
}
