import Foundation
import QuireDiagnostics

/// While serving: what the link checker found on each page and what it found
/// it from, so a rebuild re-checks only the pages its changes can reach
/// instead of every link of the site.
///
/// A page's findings depend on its own links and ids, its source (where a
/// problem is located), the set of built files, the base URL, and the ids of
/// the pages its `#fragment` links point into. So a page is checked again when
/// it is new, its page or source changed, or a page it links into with a
/// fragment has other ids now (an edit that drops a heading breaks the links
/// to it from elsewhere); and every page is, when a file is added or removed
/// or the base URL changed.
struct LinkCheckMemo {
    private struct Checked {
        var page: LinkChecker.Page
        var fragmentTargets: Set<String>
        var problems: [Diagnostic]
    }

    private var base: String?
    private var outputPaths: Set<String> = []
    private var checked: [String: Checked] = [:]
    /// Pages checked again in the last `check` (for tests and timings).
    private(set) var lastChecked = 0

    /// The same problems, in the same order, as `checker.check(pages)`.
    /// `remade`: output paths of the items rendered in this rebuild, whose
    /// sources may have moved a link to another line.
    mutating func check(_ pages: [LinkChecker.Page], with checker: LinkChecker, remade: Set<String>) -> [Diagnostic] {
        let everything = base != checker.urls.base || outputPaths != checker.outputPaths
        var otherIDs = Set<String>()
        if !everything {
            for page in pages where checked[page.outputPath]?.page.ids != page.ids { otherIDs.insert(page.outputPath) }
        }
        let stale = pages.indices.filter { index in
            let page = pages[index]
            guard !everything, !remade.contains(page.outputPath), let earlier = checked[page.outputPath], earlier.page == page
            else { return true }
            return !earlier.fragmentTargets.isDisjoint(with: otherIDs)
        }
        let found = checker.findings(on: stale.map { pages[$0] }, among: pages)
        for (index, finding) in zip(stale, found) {
            let page = pages[index]
            checked[page.outputPath] = Checked(page: page, fragmentTargets: finding.fragmentTargets, problems: finding.problems)
        }
        if checked.count > pages.count {
            let current = Set(pages.map(\.outputPath))
            checked = checked.filter { current.contains($0.key) }
        }
        base = checker.urls.base
        outputPaths = checker.outputPaths
        lastChecked = stale.count
        return pages.flatMap { checked[$0.outputPath]?.problems ?? [] }
    }
}
