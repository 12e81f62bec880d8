/// "Did you mean …?" hints: the nearest candidate by edit distance.
package enum Suggestions {
    package static func nearest(to word: String, in candidates: some Sequence<String>) -> String? {
        let target = Array(word.lowercased())
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(target, Array(candidate.lowercased()))
            if distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        guard let best else { return nil }
        // Only suggest what is plausibly a typo, not any name at all.
        let limit = max(1, min(3, target.count / 3 + 1))
        return best.distance <= limit ? best.name : nil
    }

    /// "did you mean 'x'?" or nil.
    package static func didYouMean(_ word: String, in candidates: some Sequence<String>) -> String? {
        nearest(to: word, in: candidates).map { "did you mean '\($0)'?" }
    }

    /// For a name that was renamed rather than mistyped (`losses` after the
    /// file became `train_losses.csv`): the candidate sharing a word with it
    /// (words split at `_`, `-`, `.`), nearest by edit distance, or nil.
    package static func related(to word: String, in candidates: some Sequence<String>) -> String? {
        func words(_ text: String) -> Set<String> {
            Set(text.lowercased().split(whereSeparator: { $0 == "_" || $0 == "-" || $0 == "." }).map(String.init).filter { $0.count >= 3 })
        }
        let own = words(word)
        let target = Array(word.lowercased())
        return candidates.filter { !words($0).isDisjoint(with: own) }
            .map { ($0, editDistance(target, Array($0.lowercased()))) }
            .min { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }?.0
    }

    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
