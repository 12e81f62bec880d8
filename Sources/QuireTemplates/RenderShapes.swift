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
    /// Lists up to this long are part of a page's shape, item by item. A
    /// longer one (a tag page lists all the tag's posts) would make nearly
    /// every page a shape of its own: it is one item's shape repeated
    /// (`RepeatedList`), or the page is rendered as before.
    static let longestList = 32

    private let lock = NSLock()
    /// Each template's tree of shapes, and the same laid out for walking.
    private var trees: [String: ShapeNext] = [:]
    private var tables: [String: ShapeTable] = [:]
    /// Templates rendered as before: markers cannot stand for their text, or
    /// their pages are nearly all of different shapes.
    private var unusable: Set<String> = []
    /// Templates a page is learning a shape of.
    private var learning: Set<String> = []
    private var counts: [String: (hits: Int, misses: Int)] = [:]
    /// Whether lists longer than `longestList` may be shapes of their
    /// items (`RepeatedList`), or always lead to a render as before.
    private let foldsLongLists: Bool

    init(foldsLongLists: Bool = true) { self.foldsLongLists = foldsLongLists }

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
                return skeleton.filled(with: replay)
            case .plain: return render(ContextHandle(context: root))
            case .missing: break
            }
        }
        // The first page of a template is only rendered: a rebuild while
        // serving renders one page of most templates, and learning a shape
        // costs two renders more.
        guard count(template, hit: false) > 1, startLearning(template) else { return render(ContextHandle(context: root)) }
        defer {
            lock.lock()
            learning.remove(template)
            lock.unlock()
        }
        return learn(template, root, by: render)
    }

    /// Whether this page may learn a shape of `template`: pages on other
    /// cores meanwhile are only rendered, as the shape they would learn is
    /// most often the same (a long list's probe costs a render per item).
    private func startLearning(_ template: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return learning.insert(template).inserted
    }

    /// Renders `root` with the probe and for real, and keeps the shape when
    /// its skeleton filled with `root`'s text gives the same bytes.
    private func learn(_ template: String, _ root: any TemplateContext & AnyObject, by render: (Any) -> String?) -> String? {
        let recorder = ShapeRecorder(root: root, followsLongLists: foldsLongLists)
        let probed = render(SkeletonProbe(index: 0, recorder: recorder))
        guard let real = render(ContextHandle(context: root)) else { return nil }
        let path = RepeatedList.Path(
            lookups: recorder.lookups, outcomes: recorder.outcomes, objectsBefore: recorder.objectsBefore,
            objectsAtEnd: recorder.objectCount)
        let skeleton = probed.flatMap { recorder.transformed ? nil : Skeleton($0, recorder.outcomes) }
        if let plain = RepeatedList.endingAtFirstLongList(path) {
            // A page whose long list cannot be folded is rendered as before, as every such page was.
            if !recorder.stopped, let skeleton, let folded = RepeatedList.fold(path, skeleton),
                keep(
                    template, folded.path.lookups, folded.path.outcomes, end: .skeleton(folded.skeleton), onlyIfItGives: (root, real))
            {
                return real
            }
            keep(template, plain.lookups, plain.outcomes, end: .plain)
        } else if recorder.stopped {
            keep(template, recorder.lookups, recorder.outcomes, end: .plain)
        } else if let skeleton, skeleton.filled(with: recorder.texts) == real {
            keep(template, recorder.lookups, recorder.outcomes, end: .skeleton(skeleton))
        } else {
            lock.lock()
            unusable.insert(template)
            lock.unlock()
        }
        return real
    }

    /// Adds a path of lookups to `template`'s tree; with `onlyIfItGives`,
    /// only if a replay of that root along the new tree fills a skeleton to that page.
    @discardableResult
    private func keep(
        _ template: String, _ lookups: [ShapeLookup], _ outcomes: [ShapeOutcome], end: ShapeNext,
        onlyIfItGives check: (root: any TemplateContext, page: String)? = nil
    ) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        let tree = ShapeNext.inserting(lookups[...], outcomes[...], end: end, into: trees[template])
        let table = ShapeTable(tree)
        if let check {
            var replay = Replay(root: check.root)
            guard case .skeleton(let skeleton) = replay.walk(table), skeleton.filled(with: replay) == check.page else { return false }
        }
        trees[template] = tree
        tables[template] = table
        return true
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
    /// A list longer than `RenderShapes.longestList`, as a replay finds it:
    /// never kept in a tree, where it is `repeated` or `unshaped`.
    case longList(count: Int)
    /// A longer list whose items all make the same lookups with the same
    /// outcomes (`RepeatedList`), for any number of items.
    case repeated(ItemShape)
    /// A long list of items of different shapes, or a value the probe does
    /// not know: the page is rendered as before.
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
    private(set) var objects: [any TemplateContext]
    /// Each lookup's text (empty where it found no text), by lookup number.
    private(set) var texts: [String] = []
    /// The texts of the items of long lists, item after item, and where each
    /// list's items begin there and how many there are, in the order the lists were met.
    private(set) var itemTexts: [String] = []
    private(set) var repeats: [(start: Int, count: Int)] = []
    /// The items of the long list found last, until they are replayed.
    private var longListItems: [any TemplateContext] = []

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
                            let branches = nodes[index].branches
                            let found =
                                if case .longList = outcome {
                                    branchOfLongList(among: branches, outcomes)
                                } else {
                                    branches.first(where: { outcomes[$0] == outcome })
                                }
                            guard let found else { return .missing }
                            target = targets[found]
                        }
                    }
                }
            }
        }
    }

    /// The branch a long list just found takes: the first shape of items
    /// that every item replays to, else the one rendered as before, if any.
    private mutating func branchOfLongList(among branches: Range<Int>, _ outcomes: UnsafeBufferPointer<ShapeOutcome>) -> Int? {
        var unshaped: Int?
        for branch in branches {
            switch outcomes[branch] {
            case .repeated(let shape): if replayItems(shape) { return branch }
            case .unshaped: unshaped = branch
            default: continue
            }
        }
        return unshaped
    }

    /// Makes `shape`'s lookups on each item of the long list found last, as
    /// the item's own object (numbered after the objects before the list,
    /// as in `RepeatedList`); whether every item found what the shape did.
    private mutating func replayItems(_ shape: ItemShape) -> Bool {
        let outer = objects.count
        var mainTexts: [String] = []
        swap(&mainTexts, &texts)
        swap(&texts, &itemTexts)
        let start = texts.count
        var replayed = true
        items: for item in longListItems {
            objects.append(item)
            for (lookup, expected) in zip(shape.lookups, shape.outcomes) where look(up: lookup) != expected {
                replayed = false
                break items
            }
            objects.removeSubrange(outer...)
        }
        objects.removeSubrange(outer...)
        if replayed {
            repeats.append((start, longListItems.count))
        } else {
            texts.removeSubrange(start...)
        }
        swap(&texts, &itemTexts)
        swap(&mainTexts, &texts)
        return replayed
    }

    /// Numbers the items of the long list found last as objects, as a short
    /// list's are: the probe's render goes through every item.
    mutating func addLongListItems() {
        objects += longListItems
        longListItems = []
    }

    /// Looks `lookup` up, numbering the contexts it finds and keeping its text.
    mutating func look(up lookup: ShapeLookup) -> ShapeOutcome {
        var text = ""
        let outcome: ShapeOutcome
        switch objects[lookup.object].value(named: lookup.key) {
        case .absent: outcome = .absent
        case .text(let found): (outcome, text) = Self.shape(of: found)
        case .number(let number): (outcome, text) = (.text(kept: ""), String(number))
        case .flag(let flag): outcome = .flag(flag)
        case .object(let context): outcome = add(context)
        case .value(let context): outcome = add(context)
        case .tags(let list): outcome = add(list)
        case .cards(let list): outcome = add(list)
        case .links(let list): outcome = add(list)
        }
        texts.append(text)
        return outcome
    }

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
        guard list.count <= RenderShapes.longestList else {
            longListItems = list
            return .longList(count: list.count)
        }
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
    /// How many objects were numbered before each lookup.
    private(set) var objectsBefore: [Int] = []
    /// A lookup found what shapes do not cover; the page is rendered as before.
    private(set) var stopped = false
    /// A transform was asked of a marker, which would have changed the text.
    var transformed = false
    /// Whether a long list's items are rendered one by one, to be folded into
    /// a `repeated` shape after; otherwise a long list stops the probe.
    private let followsLongLists: Bool

    init(root: any TemplateContext, followsLongLists: Bool) {
        replay = Replay(root: root)
        self.followsLongLists = followsLongLists
    }

    var texts: [String] { replay.texts }
    var objectCount: Int { replay.objects.count }

    func lookUp(_ key: String, on object: Int) -> Any? {
        guard !stopped else { return nil }
        let lookup = ShapeLookup(object: object, key: key)
        let firstFound = replay.objects.count
        var outcome = replay.look(up: lookup)
        if case .longList = outcome, !followsLongLists { outcome = .unshaped }
        lookups.append(lookup)
        outcomes.append(outcome)
        objectsBefore.append(firstFound)
        switch outcome {
        case .absent: return nil
        case .flag(let flag): return flag
        case .text(let kept): return TemplateHole(text: Skeleton.marker(lookups.count - 1) + kept, recorder: self)
        case .literal(let text): return TemplateText(text: text)
        case .context: return SkeletonProbe(index: firstFound, recorder: self)
        case .list(let count): return (firstFound..<firstFound + count).map { SkeletonProbe(index: $0, recorder: self) }
        case .longList(let count):
            replay.addLongListItems()
            return (firstFound..<firstFound + count).map { SkeletonProbe(index: $0, recorder: self) }
        case .repeated, .unshaped:
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
