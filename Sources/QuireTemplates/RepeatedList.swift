/// One item's lookups and what each found, the same for every item of a long
/// list (`RepeatedList`). Objects are numbered as a replay numbers them while
/// it goes through an item: those before the list as they are, the item as
/// the next, what the item's lookups find after it.
struct ItemShape: Hashable, Sendable {
    let lookups: [ShapeLookup]
    let outcomes: [ShapeOutcome]
}

/// Long lists as one item's shape, repeated.
///
/// A page that lists a tag's hundred posts is a shape of its own to
/// `RenderShapes`, which tells lists apart by length, so such pages were
/// rendered by swift-mustache's general path. But when every item of a list
/// makes the same lookups and finds the same kinds of things, the list's
/// output is one stretch before the first item, each item's own, one
/// stretch between two items, and one after the last, for any number of
/// items. The probe renders every item of the first page of such a shape;
/// this reads the stretches and the item's parts off its skeleton.
///
/// An item's position (`first()`, `last()`, `index()`, `even()`, `odd()`) can
/// make the stretch before the first item or after the last depend on the
/// list's length, so a theme that asks for positions anywhere is never
/// folded (`foldable(templates:)`); everything else is checked against the
/// items themselves, and the folded shape against the page it came from.
enum RepeatedList {
    /// A probe's lookups, what each found, and how many objects were
    /// numbered before each and at the end.
    struct Path {
        var lookups: [ShapeLookup]
        var outcomes: [ShapeOutcome]
        var objectsBefore: [Int]
        var objectsAtEnd: Int
    }

    /// Whether no template asks a list item for its position, nor changes
    /// its delimiters (which could hide such a tag from this check). Read as
    /// UTF-8 bytes: every theme is checked as it loads, a small site's
    /// build waits for it.
    static func foldable(templates: some Sequence<String>) -> Bool {
        templates.allSatisfy { text in
            var text = text
            return text.withUTF8 { bytes in
                var index = 0
                while index + 1 < bytes.count {
                    guard bytes[index] == UInt8(ascii: "{"), bytes[index + 1] == UInt8(ascii: "{") else {
                        index += 1
                        continue
                    }
                    index += 2
                    if index < bytes.count, bytes[index] == UInt8(ascii: "=") { return false }
                    // Up to the tag's end: "(" then ")" with only white space between is a position.
                    var previous: UInt8 = 0
                    while index < bytes.count, bytes[index] != UInt8(ascii: "}") {
                        let byte = bytes[index]
                        if byte == UInt8(ascii: ")"), previous == UInt8(ascii: "(") { return false }
                        if byte != 0x20, !(0x09...0x0D).contains(byte) { previous = byte }
                        index += 1
                    }
                }
                return true
            }
        }
    }

    /// `path` up to its first long list, which leads to a page rendered as
    /// before; nil when it has none.
    static func endingAtFirstLongList(_ path: Path) -> (lookups: [ShapeLookup], outcomes: [ShapeOutcome])? {
        guard let first = path.outcomes.firstIndex(where: isLongList) else { return nil }
        return (Array(path.lookups[...first]), Array(path.outcomes[..<first]) + [.unshaped])
    }

    static func isLongList(_ outcome: ShapeOutcome) -> Bool {
        if case .longList = outcome { true } else { false }
    }

    /// `path` and `skeleton` with every long list folded into a `repeated`
    /// outcome and part; nil when some list's items differ in shape or their
    /// output cannot be told apart.
    static func fold(_ path: Path, _ skeleton: Skeleton) -> (path: Path, skeleton: Skeleton)? {
        var folded = (path: path, skeleton: skeleton)
        var list = 0
        while let at = folded.path.outcomes.firstIndex(where: isLongList) {
            guard case .longList(let count) = folded.path.outcomes[at],
                let next = fold(list: list, at: at, count: count, folded.path, folded.skeleton)
            else { return nil }
            folded = next
            list += 1
        }
        return folded
    }

    /// Folds the long list found by lookup `at`, the page's `list`th.
    private static func fold(list: Int, at: Int, count: Int, _ path: Path, _ skeleton: Skeleton) -> (path: Path, skeleton: Skeleton)? {
        let lookups = path.lookups
        let firstItem = path.objectsBefore[at]
        // Every name is first looked up on the innermost context, the item:
        // each item's lookups start with one on it, and are as many as the first's.
        let firstStart = at + 1
        guard firstStart < lookups.count, lookups[firstStart].object == firstItem,
            let secondStart = lookups[(firstStart + 1)...].firstIndex(where: { $0.object == firstItem + 1 })
        else { return nil }
        let perItem = secondStart - firstStart
        let end = firstStart + count * perItem
        guard end <= lookups.count else { return nil }
        let objectsAfter = end < lookups.count ? path.objectsBefore[end] : path.objectsAtEnd
        var shape: ItemShape?
        for item in 0..<count {
            let start = firstStart + item * perItem
            let ownFirst = path.objectsBefore[start]
            let ownEnd = item + 1 < count ? path.objectsBefore[start + perItem] : objectsAfter
            var relative: [ShapeLookup] = []
            for lookup in lookups[start..<start + perItem] {
                let object: Int
                if lookup.object < firstItem {
                    object = lookup.object
                } else if lookup.object == firstItem + item {
                    object = firstItem
                } else if (ownFirst..<ownEnd).contains(lookup.object) {
                    object = firstItem + 1 + lookup.object - ownFirst
                } else {
                    return nil
                }
                relative.append(ShapeLookup(object: object, key: lookup.key))
            }
            let outcomes = Array(path.outcomes[start..<start + perItem])
            guard lookups[start].object == firstItem + item, !outcomes.contains(where: isLongList) else { return nil }
            let own = ItemShape(lookups: relative, outcomes: outcomes)
            if let shape, shape != own { return nil }
            shape = own
        }
        guard let shape else { return nil }

        // Objects found after the list are numbered as if it had no items.
        let shift = objectsAfter - firstItem
        var after: [ShapeLookup] = []
        for lookup in lookups[end...] {
            if lookup.object < firstItem {
                after.append(lookup)
            } else if lookup.object >= objectsAfter {
                after.append(ShapeLookup(object: lookup.object - shift, key: lookup.key))
            } else {
                return nil
            }
        }
        let foldedPath = Path(
            lookups: Array(lookups[...at]) + after,
            outcomes: Array(path.outcomes[..<at]) + [.repeated(shape)] + Array(path.outcomes[end...]),
            objectsBefore: Array(path.objectsBefore[...at]) + path.objectsBefore[end...].map { $0 - shift },
            objectsAtEnd: path.objectsAtEnd - shift)
        let lookupsRemoved = count * perItem
        guard
            let (parts, repeated) = foldParts(
                skeleton, list: list, items: firstStart..<end, perItem: perItem, lookupsRemoved: lookupsRemoved)
        else { return nil }
        return (foldedPath, Skeleton(parts: parts, lists: skeleton.lists + [repeated], literals: skeleton.literals).compacted())
    }

    /// The skeleton's parts with the list's items as one `repeated` part:
    /// what comes before the first item's first text, each item's texts and
    /// the literals among them, what comes between two items, and after the
    /// last. Items are told apart by their texts, so each needs one.
    private static func foldParts(
        _ skeleton: Skeleton, list: Int, items: Range<Int>, perItem: Int, lookupsRemoved: Int
    ) -> (parts: [Skeleton.Part], list: Skeleton.RepeatedParts)? {
        let parts = skeleton.parts
        let literals = skeleton.literals
        func item(of part: Skeleton.Part) -> (item: Int, lookup: Int)? {
            guard case .text(let lookup, _, _) = part, items.contains(lookup) else { return nil }
            return ((lookup - items.lowerBound) / perItem, (lookup - items.lowerBound) % perItem)
        }
        func literal(_ part: Skeleton.Part) -> Int? {
            if case .literal(let index) = part { index } else { nil }
        }
        guard let firstText = parts.firstIndex(where: { item(of: $0) != nil }) else { return nil }
        let lead = firstText > 0 ? literal(parts[firstText - 1]) : nil
        let before = parts[..<(lead == nil ? firstText : firstText - 1)]
        for case .text(let lookup, _, _) in before where lookup >= items.lowerBound { return nil }

        var index = firstText
        var firstItem: [Skeleton.Part] = []
        var joint: Int?
        let count = (items.count) / perItem
        for number in 0..<count {
            var own: [Skeleton.Part] = []
            while index < parts.count {
                if let found = item(of: parts[index]) {
                    guard found.item == number, case .text(_, let escaped, let keptLast) = parts[index] else { break }
                    own.append(.text(lookup: found.lookup, escaped: escaped, keptLast: keptLast))
                    index += 1
                } else if literal(parts[index]) != nil, index + 1 < parts.count, item(of: parts[index + 1])?.item == number {
                    own.append(parts[index])
                    index += 1
                } else {
                    break
                }
            }
            guard !own.isEmpty else { return nil }
            if number == 0 {
                firstItem = own
            } else if !same(own, firstItem, literals) {
                return nil
            }
            guard number + 1 < count else { break }
            let between = index < parts.count ? literal(parts[index]) : nil
            if between != nil { index += 1 }
            if number == 0 {
                joint = between
            } else if between.map({ literals[$0] }) != joint.map({ literals[$0] }) {
                return nil
            }
        }
        let tail = index < parts.count ? literal(parts[index]) : nil
        if tail != nil { index += 1 }
        var after: [Skeleton.Part] = []
        for part in parts[index...] {
            switch part {
            case .literal: after.append(part)
            case .text(let lookup, let escaped, let keptLast):
                if lookup < items.lowerBound {
                    after.append(part)
                } else if lookup >= items.upperBound {
                    after.append(.text(lookup: lookup - lookupsRemoved, escaped: escaped, keptLast: keptLast))
                } else {
                    return nil
                }
            case .repeated: return nil
            }
        }
        let itemLiterals = firstItem.reduce(0) { length, part in length + (literal(part).map { literals[$0].utf8.count } ?? 0) }
        let repeated = Skeleton.RepeatedParts(
            list: list, lookupsPerItem: perItem, item: firstItem, lead: lead, joint: joint, tail: tail,
            literalLengthPerItem: itemLiterals + (joint.map { literals[$0].utf8.count } ?? 0))
        return (Array(before) + [.repeated(skeleton.lists.count)] + after, repeated)
    }

    /// Whether two items' parts are the same, literals compared by their text.
    private static func same(_ one: [Skeleton.Part], _ other: [Skeleton.Part], _ literals: [String]) -> Bool {
        one.count == other.count
            && zip(one, other).allSatisfy { pair in
                switch pair {
                case (.literal(let a), .literal(let b)): literals[a] == literals[b]
                case (.text(let a, let escapedA, let keptA), .text(let b, let escapedB, let keptB)):
                    a == b && escapedA == escapedB && keptA == keptB
                default: false
                }
            }
    }
}

extension Skeleton {
    /// The same skeleton keeping only the literals its parts use: a folded
    /// list leaves every item's but the first unused.
    func compacted() -> Skeleton {
        var kept: [String] = []
        var renumbered: [Int: Int] = [:]
        func keep(_ index: Int) -> Int {
            if let known = renumbered[index] { return known }
            kept.append(literals[index])
            renumbered[index] = kept.count - 1
            return kept.count - 1
        }
        func renumber(_ part: Part) -> Part {
            if case .literal(let index) = part { .literal(keep(index)) } else { part }
        }
        let parts = parts.map(renumber)
        let lists = lists.map { list in
            RepeatedParts(
                list: list.list, lookupsPerItem: list.lookupsPerItem, item: list.item.map(renumber), lead: list.lead.map(keep),
                joint: list.joint.map(keep), tail: list.tail.map(keep), literalLengthPerItem: list.literalLengthPerItem)
        }
        return Skeleton(parts: parts, lists: lists, literals: kept)
    }
}
