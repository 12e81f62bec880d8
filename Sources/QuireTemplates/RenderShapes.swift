import Foundation
import Mustache
import QuireDiagnostics

/// Pages rendered again from the output of an earlier page of the same shape.
///
/// swift-mustache spends most of a post page's render on its own lookups:
/// a `split` of each name and half a dozen dynamic casts, for some sixty
/// names per post. But what a template does with a context depends only on
/// what each lookup found (nothing, a flag, a list of some length, a context,
/// some text), never on the text itself, which is escaped or not and written
/// out whole. So the first page of each shape is also rendered with a probe
/// context that hands out numbered markers in place of text; the output,
/// split at the markers, is that shape's skeleton. A later page whose lookups
/// find the same kinds of things is its skeleton with its own text filled in.
///
/// The lookups are replayed on the real context (without swift-mustache's
/// name splits and casts) in the order the probe saw them, and where the kind
/// of a result differs, so does the shape: the shapes of a template form a
/// tree of lookups, walked once per page. swift-mustache stays the only
/// renderer: every skeleton is its output, and the page that made it is
/// checked against a render of its own before the skeleton is used, so a
/// template that uses text in a way markers cannot stand for (a transform, a
/// context printed whole) is always rendered as before.
final class RenderShapes: @unchecked Sendable {
    /// Lists longer than this make every page a shape of its own (a tag page
    /// lists all the tag's posts): such pages are rendered as before.
    static let longestList = 32

    private let lock = NSLock()
    /// Each template's tree of shapes, and the same laid out for walking.
    private var trees: [String: ShapeNext] = [:]
    private var tables: [String: ShapeTable] = [:]
    /// Templates rendered as before: markers cannot stand for their text, or
    /// their pages are nearly all of different shapes.
    private var unusable: Set<String> = []
    private var counts: [String: (hits: Int, misses: Int)] = [:]

    /// `template` rendered with `root`, from a skeleton where one fits; `render`
    /// is swift-mustache's own render of a context.
    func render(_ template: String, _ root: any TemplateContext & AnyObject, by render: (Any) -> String?) -> String? {
        lock.lock()
        let table = tables[template]
        let usable = !unusable.contains(template)
        lock.unlock()
        guard usable else { return render(ContextHandle(context: root)) }
        var replay = Replay(root: root)
        if let table {
            switch replay.walk(table) {
            case .skeleton(let skeleton):
                count(template, hit: true)
                return skeleton.filled(with: replay.texts)
            case .plain: return render(ContextHandle(context: root))
            case .missing: break
            }
        }
        // The first page of a template is only rendered: a rebuild while
        // serving renders one page of most templates, and learning a shape
        // costs two renders more.
        guard count(template, hit: false) > 1 else { return render(ContextHandle(context: root)) }
        return learn(template, root, by: render)
    }

    /// Renders `root` with the probe and for real, and keeps the shape when
    /// its skeleton filled with `root`'s text gives the same bytes.
    private func learn(_ template: String, _ root: any TemplateContext & AnyObject, by render: (Any) -> String?) -> String? {
        let recorder = ShapeRecorder(root: root)
        let probed = render(SkeletonProbe(index: 0, recorder: recorder))
        guard let real = render(ContextHandle(context: root)) else { return nil }
        let end: ShapeNext
        if recorder.stopped {
            end = .plain
        } else if let probed, !recorder.transformed, let skeleton = Skeleton(probed, recorder.outcomes),
            skeleton.filled(with: recorder.texts) == real
        {
            end = .skeleton(skeleton)
        } else {
            lock.lock()
            unusable.insert(template)
            lock.unlock()
            return real
        }
        lock.lock()
        let tree = ShapeNext.inserting(recorder.lookups[...], recorder.outcomes[...], end: end, into: trees[template])
        trees[template] = tree
        tables[template] = ShapeTable(tree)
        lock.unlock()
        return real
    }

    /// How many pages of `template` were filled into a skeleton.
    func reused(_ template: String) -> Int {
        lock.lock()
        defer { lock.unlock() }
        return counts[template]?.hits ?? 0
    }

    /// Whether `template` is rendered by swift-mustache alone from now on.
    func givenUp(_ template: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return unusable.contains(template)
    }

    /// Counts a page of `template` found in a skeleton or not; returns the misses so far.
    @discardableResult
    private func count(_ template: String, hit: Bool) -> Int {
        lock.lock()
        defer { lock.unlock() }
        var count = counts[template] ?? (0, 0)
        if hit { count.hits += 1 } else { count.misses += 1 }
        counts[template] = count
        // A miss costs two renders more and a hit saves nearly one: past a
        // start where most pages are new shapes, a template whose pages are
        // found less than twice per miss is rendered as before.
        if count.misses > 128, count.hits < 2 * count.misses { unusable.insert(template) }
        return count.misses
    }
}

/// One name looked up on one object: the root is object 0, and each context
/// or list item a lookup finds is the next number.
struct ShapeLookup: Hashable, Sendable {
    let object: Int
    let key: String
}

/// What a lookup found, as far as the rendering can tell.
enum ShapeOutcome: Hashable, Sendable {
    case absent
    case flag(Bool)
    /// Text, shown by a marker, then the text's last character when that is
    /// a line feed or a carriage return: an indented partial indents after a
    /// line feed, and not after a carriage return and a line feed, which
    /// join into one character.
    case text(kept: String)
    /// `""` and `"\n"` are shown as themselves: the one is no output for an
    /// indented partial, and the other may join a carriage return before it.
    case literal(String)
    case context
    case list(count: Int)
    /// A longer list, or a value the probe does not know: the page is rendered as before.
    case unshaped
}

/// Where a lookup's outcome leads: the next lookup, or the end of the render.
indirect enum ShapeNext: Sendable {
    case step(ShapeLookup, [(ShapeOutcome, ShapeNext)])
    case skeleton(Skeleton)
    case plain

    /// This tree with one more path of lookups and outcomes, ending at `end`;
    /// a path already there is kept as it is. Trees are never changed in
    /// place, so pages walk them without the lock.
    static func inserting(
        _ lookups: ArraySlice<ShapeLookup>, _ outcomes: ArraySlice<ShapeOutcome>, end: ShapeNext, into tree: ShapeNext?
    ) -> ShapeNext {
        guard let lookup = lookups.first, let outcome = outcomes.first else { return tree ?? end }
        guard case .step(let existing, var branches)? = tree else {
            // A new path, or the probe stopped early where this tree went on.
            if let tree { return tree }
            return .step(lookup, [(outcome, inserting(lookups.dropFirst(), outcomes.dropFirst(), end: end, into: nil))])
        }
        // Rendering is deterministic: the same outcomes so far mean the same next lookup.
        guard existing == lookup else { return .step(existing, branches) }
        let index = branches.firstIndex { $0.0 == outcome }
        let next = inserting(lookups.dropFirst(), outcomes.dropFirst(), end: end, into: index.map { branches[$0].1 })
        if let index { branches[index].1 = next } else { branches.append((outcome, next)) }
        return .step(existing, branches)
    }
}

/// A tree of shapes laid out in arrays, for walking. Pages of a template
/// walk its tree on every core at once, and each step through the tree's own
/// nodes (enum boxes, arrays of branches) took and gave back a reference
/// count on memory both cores wrote: most of a replay's time. A step here
/// reads arrays by index, which counts nothing. Made again whenever the tree
/// grows, which is rare after a template's first pages.
final class ShapeTable: Sendable {
    enum Target: Sendable {
        case node(Int)
        case skeleton(Int)
        case plain
    }

    struct Node: Sendable {
        let lookup: ShapeLookup
        /// Indices into `outcomes` and `targets`.
        let branches: Range<Int>
    }

    let root: Target
    let nodes: [Node]
    /// Each branch's outcome, and where it leads.
    let outcomes: [ShapeOutcome]
    let targets: [Target]
    let skeletons: [Skeleton]

    init(_ tree: ShapeNext) {
        var nodes: [Node] = []
        var outcomes: [ShapeOutcome] = []
        var targets: [Target] = []
        var skeletons: [Skeleton] = []
        func add(_ next: ShapeNext) -> Target {
            switch next {
            case .plain: return .plain
            case .skeleton(let skeleton):
                skeletons.append(skeleton)
                return .skeleton(skeletons.count - 1)
            case .step(let lookup, let branches):
                let first = outcomes.count
                outcomes += branches.map(\.0)
                targets += repeatElement(.plain, count: branches.count)
                nodes.append(Node(lookup: lookup, branches: first..<first + branches.count))
                let node = nodes.count - 1
                for (offset, branch) in branches.enumerated() { targets[first + offset] = add(branch.1) }
                return .node(node)
            }
        }
        root = add(tree)
        self.nodes = nodes
        self.outcomes = outcomes
        self.targets = targets
        self.skeletons = skeletons
    }
}

/// A page's lookups made again on its own context, outside swift-mustache.
struct Replay {
    private(set) var objects: [any MustacheParent]
    /// Each lookup's text (empty where it found no text), by lookup number.
    private(set) var texts: [String] = []

    init(root: any TemplateContext) {
        objects = [root]
        // Room for a post page's lookups, so the arrays do not grow step by step.
        objects.reserveCapacity(32)
        texts.reserveCapacity(96)
    }

    enum End {
        case skeleton(Skeleton)
        case plain
        case missing
    }

    mutating func walk(_ table: ShapeTable) -> End {
        table.nodes.withUnsafeBufferPointer { nodes in
            table.outcomes.withUnsafeBufferPointer { outcomes in
                table.targets.withUnsafeBufferPointer { targets in
                    var target = table.root
                    while true {
                        switch target {
                        case .skeleton(let index): return .skeleton(table.skeletons[index])
                        case .plain: return .plain
                        case .node(let index):
                            let outcome = look(up: nodes[index].lookup)
                            guard let branch = nodes[index].branches.first(where: { outcomes[$0] == outcome }) else { return .missing }
                            target = targets[branch]
                        }
                    }
                }
            }
        }
    }

    /// Looks `lookup` up, numbering the contexts it finds and keeping its text.
    mutating func look(up lookup: ShapeLookup) -> ShapeOutcome {
        let found = objects[lookup.object].child(named: lookup.key)
        var text = ""
        let outcome: ShapeOutcome
        // By the value's type, then one cast that cannot fail: a chain of
        // `as?` tried each type in turn, and each miss is a runtime call.
        if let found {
            switch ObjectIdentifier(type(of: found)) {
            case Self.text: (outcome, text) = Self.shape(of: (found as! TemplateText).text)
            case Self.handle: outcome = add((found as! ContextHandle).context)
            case Self.flag: outcome = .flag(found as! Bool)
            case Self.number: (outcome, text) = (.text(kept: ""), String((found as! TemplateNumber).number))
            case Self.tags: outcome = add(found as! [TagContext])
            case Self.cards: outcome = add(found as! [CardContext])
            case Self.links: outcome = add(found as! [LinkContext])
            case Self.tag: outcome = add(found as! TagContext)
            case Self.link: outcome = add(found as! LinkContext)
            case Self.navigation: outcome = add(found as! SeriesNavigation)
            case Self.pagination: outcome = add(found as! PaginationContext)
            default: outcome = .unshaped
            }
        } else {
            outcome = .absent
        }
        texts.append(text)
        return outcome
    }

    private static let text = ObjectIdentifier(TemplateText.self)
    private static let handle = ObjectIdentifier(ContextHandle.self)
    private static let flag = ObjectIdentifier(Bool.self)
    private static let number = ObjectIdentifier(TemplateNumber.self)
    private static let tags = ObjectIdentifier([TagContext].self)
    private static let cards = ObjectIdentifier([CardContext].self)
    private static let links = ObjectIdentifier([LinkContext].self)
    private static let tag = ObjectIdentifier(TagContext.self)
    private static let link = ObjectIdentifier(LinkContext.self)
    private static let navigation = ObjectIdentifier(SeriesNavigation.self)
    private static let pagination = ObjectIdentifier(PaginationContext.self)

    /// How text is shown, and the text that fills its marker.
    static func shape(of text: String) -> (ShapeOutcome, String) {
        let bytes = text.utf8
        guard let last = bytes.last else { return (.literal(text), "") }
        if last == UInt8(ascii: "\n") {
            if bytes.count == 1 { return (.literal(text), "") }
            // "\r\n" is one Character, neither "\n" nor "\r": like any other text's end.
            if bytes[bytes.index(bytes.endIndex, offsetBy: -2)] != UInt8(ascii: "\r") { return (.text(kept: "\n"), text) }
        } else if last == UInt8(ascii: "\r") {
            return (.text(kept: "\r"), text)
        }
        return (.text(kept: ""), text)
    }

    private mutating func add(_ context: any TemplateContext) -> ShapeOutcome {
        objects.append(context)
        return .context
    }

    private mutating func add<Item: TemplateContext>(_ list: [Item]) -> ShapeOutcome {
        guard list.count <= RenderShapes.longestList else { return .unshaped }
        for item in list { objects.append(item) }
        return .list(count: list.count)
    }
}

/// The probe's side of a shape: it stands for the real context in
/// swift-mustache's render, makes each lookup on the real one, and hands back
/// what stands for the result: a marker for text, a probe for a context.
final class ShapeRecorder {
    private var replay: Replay
    private(set) var lookups: [ShapeLookup] = []
    private(set) var outcomes: [ShapeOutcome] = []
    /// A lookup found what shapes do not cover; the page is rendered as before.
    private(set) var stopped = false
    /// A transform was asked of a marker, which would have changed the text.
    var transformed = false

    init(root: any TemplateContext) { replay = Replay(root: root) }

    var texts: [String] { replay.texts }

    func lookUp(_ key: String, on object: Int) -> Any? {
        guard !stopped else { return nil }
        let lookup = ShapeLookup(object: object, key: key)
        let firstFound = replay.objects.count
        let outcome = replay.look(up: lookup)
        lookups.append(lookup)
        outcomes.append(outcome)
        switch outcome {
        case .absent: return nil
        case .flag(let flag): return flag
        case .text(let kept): return TemplateHole(text: Skeleton.marker(lookups.count - 1) + kept, recorder: self)
        case .literal(let text): return TemplateText(text: text)
        case .context: return SkeletonProbe(index: firstFound, recorder: self)
        case .list(let count): return (firstFound..<firstFound + count).map { SkeletonProbe(index: $0, recorder: self) }
        case .unshaped:
            stopped = true
            return nil
        }
    }
}

/// A context in the probe's render.
struct SkeletonProbe: MustacheParent, CustomStringConvertible {
    let index: Int
    let recorder: ShapeRecorder

    func child(named key: String) -> Any? { recorder.lookUp(key, on: index) }
    /// A context printed whole shows its text in its own way: no skeleton.
    var description: String { Skeleton.unreadable }
}

/// Text in the probe's render: its marker.
struct TemplateHole: MustacheParent, MustacheCustomRenderable, MustacheTransformable {
    let text: String
    let recorder: ShapeRecorder

    var renderText: String { text }
    var isNull: Bool { false }
    func child(named key: String) -> Any? { nil }
    func transform(_ name: String) -> Any? {
        recorder.transformed = true
        return nil
    }
}

/// A shape's output, with its text left out.
struct Skeleton: Sendable {
    enum Part: Sendable {
        /// The template's own text: `literals[index]`.
        case literal(Int)
        /// The text of lookup `lookup`, escaped for HTML or as it is, without
        /// its last character where the skeleton keeps that after the marker.
        case text(lookup: Int, escaped: Bool, keptLast: Bool)
    }

    let parts: [Part]
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
        self.parts = parts
        self.literals = literals
        literalLength = literals.reduce(0) { $0 + $1.utf8.count }
    }

    /// The page: the skeleton with each lookup's text in its place.
    func filled(with texts: [String]) -> String {
        var page = ""
        parts.withUnsafeBufferPointer { parts in
            var length = literalLength
            for case .text(let lookup, _, _) in parts { length += texts[lookup].utf8.count }
            page.reserveCapacity(length + length / 8)
            literals.withUnsafeBufferPointer { literals in
                for part in parts {
                    switch part {
                    case .literal(let index): page += literals[index]
                    case .text(let lookup, let escaped, let keptLast):
                        // Escaping leaves a line feed or carriage return as it is, and each is one byte.
                        let text = escaped ? HTMLText.escape(texts[lookup]) : texts[lookup]
                        page += keptLast ? text[..<text.utf8.index(before: text.endIndex)] : text[...]
                    }
                }
            }
        }
        return page
    }
}
