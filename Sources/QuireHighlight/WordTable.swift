/// A language's fixed words, looked up straight from the code's bytes: the
/// tokenizer asks about every identifier, and making a `String` of each to
/// ask a dictionary cost more than all the rest of the tokenizing.
///
/// Open addressing over a power-of-two table, hashed with FNV-1a; the words
/// themselves sit end to end in one byte array.
struct WordTable: Sendable {
    /// What a word is, and what it makes of the identifier after it.
    struct Entry: Sendable {
        var kind: TokenKind
        /// `def` makes the next identifier a function's name, `class` a type's.
        var nextIsNamed: TokenKind?
    }

    private struct Slot: Sendable {
        var start: Int32
        var length: Int32
        var entry: Entry
    }

    private var spelling: [UInt8] = []
    private var slots: [Slot?]
    private var mask: Int
    private let caseInsensitive: Bool
    /// No fixed word is longer than this: longer identifiers are not hashed at all.
    private var longest = 0
    /// For each first byte (both cases when `caseInsensitive`), bit n set when some word
    /// starting with it is n bytes long: most identifiers are turned away by this one
    /// load before they are hashed.
    private var lengthsByFirstByte = [UInt32](repeating: 0, count: 256)

    /// - Parameter groups: `("if else …", .keyword)`, words separated by spaces or line breaks;
    ///   keys must be lowercase when `caseInsensitive`.
    init(_ groups: [(String, TokenKind)], functionDefiners: [String] = [], typeDefiners: [String] = [], caseInsensitive: Bool = false) {
        self.caseInsensitive = caseInsensitive
        var entries: [(word: [UInt8], entry: Entry)] = []
        for (list, kind) in groups {
            for word in list.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
                let bytes = Array(word.utf8)
                let next: TokenKind? =
                    functionDefiners.contains(String(word)) ? .function : typeDefiners.contains(String(word)) ? .type : nil
                if let index = entries.firstIndex(where: { $0.word == bytes }) {
                    // A later group wins, as assigning into a dictionary would.
                    entries[index].entry = Entry(kind: kind, nextIsNamed: next)
                } else {
                    entries.append((bytes, Entry(kind: kind, nextIsNamed: next)))
                }
            }
        }
        var capacity = 16
        while capacity < entries.count * 4 { capacity *= 2 }
        slots = Array(repeating: nil, count: capacity)
        mask = capacity - 1
        for (word, entry) in entries {
            let slot = Slot(start: Int32(spelling.count), length: Int32(word.count), entry: entry)
            spelling += word
            longest = max(longest, word.count)
            precondition(word.count < 32, "a fixed word longer than the length filter holds")
            lengthsByFirstByte[Int(word[0])] |= 1 << UInt32(word.count)
            if caseInsensitive, word[0] >= 0x61, word[0] <= 0x7A { lengthsByFirstByte[Int(word[0] & ~0x20)] |= 1 << UInt32(word.count) }
            var index = word.withUnsafeBufferPointer { hash($0) } & mask
            while slots[index] != nil { index = (index + 1) & mask }
            slots[index] = slot
        }
    }

    @inline(__always)
    private func fold(_ byte: UInt8) -> UInt8 {
        caseInsensitive && byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    private func hash(_ word: UnsafeBufferPointer<UInt8>) -> Int {
        var hash: UInt32 = 2_166_136_261
        if caseInsensitive {
            for byte in word { hash = (hash ^ UInt32(fold(byte))) &* 16_777_619 }
        } else {
            for byte in word { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        }
        return Int(hash)
    }

    /// The entry for the word in `bytes`, nil if it is not one of the table's.
    @inline(__always)
    func entry(for word: UnsafeBufferPointer<UInt8>) -> Entry? {
        // Inlined into the tokenizer: this one test turns most identifiers away without a call.
        guard word.count <= longest, !word.isEmpty, lengthsByFirstByte[Int(word[0])] & 1 << UInt32(word.count) != 0 else { return nil }
        return lookUp(word)
    }

    @inline(never)
    private func lookUp(_ word: UnsafeBufferPointer<UInt8>) -> Entry? {
        var index = hash(word) & mask
        return spelling.withUnsafeBufferPointer { spelling in
            while let slot = slots[index] {
                if Int(slot.length) == word.count {
                    var same = true
                    for offset in 0..<word.count where spelling[Int(slot.start) + offset] != fold(word[offset]) {
                        same = false
                        break
                    }
                    if same { return slot.entry }
                }
                index = (index + 1) & mask
            }
            return nil
        }
    }

    /// The kind of a word given as text (tests and the shell's assignments ask this way).
    func kind(of word: String) -> TokenKind? {
        var word = word
        return word.withUTF8 { entry(for: $0)?.kind }
    }
}
