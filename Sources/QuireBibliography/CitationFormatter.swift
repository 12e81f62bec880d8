import Foundation
import QuireDiagnostics

/// How citations and the reference list read — PRODUCT §2 `citation_style`.
package enum CitationStyle: String, Sendable, CaseIterable {
    /// Chicago author-date, Pandoc's default: "(Kaplan et al. 2020, p. 4)".
    case authorYear = "author-year"
    /// "[1, p. 4]", references in order of first citation.
    case numeric
}

/// One work inside a citation: `[see @key, p. 4]` → prefix "see", suffix ", p. 4".
package struct CitedWork: Sendable, Equatable {
    public var key: String
    public var prefix: String
    public var suffix: String
    /// `[-@key]`: the year (or number) only.
    public var suppressAuthor: Bool

    public init(key: String, prefix: String = "", suffix: String = "", suppressAuthor: Bool = false) {
        self.key = key
        self.prefix = prefix
        self.suffix = suffix
        self.suppressAuthor = suppressAuthor
    }
}

/// Turns a post's citations, in document order, into HTML, and lists the
/// works they cite. Every key must name an entry of the bibliography (the
/// caller reports the ones that do not).
package struct CitationFormatter {
    public let bibliography: Bibliography
    package let style: CitationStyle
    /// Cited keys in order of first citation.
    public private(set) var cited: [String] = []
    private var numbers: [String: Int] = [:]
    /// "a", "b", … for works by the same authors in the same year ("2020a").
    private var yearSuffixes: [String: String] = [:]

    /// - Parameter citing: every key the post cites, so works that would read
    ///   alike ("Kaplan et al. 2020" twice) get year letters from the start.
    public init(bibliography: Bibliography, style: CitationStyle, citing keys: [String] = []) {
        self.bibliography = bibliography
        self.style = style
        guard style == .authorYear else { return }
        let works = Set(keys).compactMap { bibliography.entries[$0] }.sorted(by: Self.referenceOrder)
        let alike = Dictionary(grouping: works) { Self.shortAuthors($0) + "\u{0}" + ($0.year ?? "") }
        for group in alike.values where group.count > 1 {
            for (position, entry) in group.sorted(by: Self.referenceOrder).enumerated() {
                yearSuffixes[entry.key] = String(UnicodeScalar(UInt8(97 + position % 26)))
            }
        }
    }

    /// Reference-list order: author, year, title.
    static func referenceOrder(_ x: BibliographyEntry, _ y: BibliographyEntry) -> Bool {
        (sortKey(x), x.year ?? "", x.title ?? "", x.key) < (sortKey(y), y.year ?? "", y.title ?? "", y.key)
    }

    /// A citation's HTML: `narrative` for `@key` in running text, else bracketed.
    package mutating func cite(_ works: [CitedWork], narrative: Bool) -> String {
        for work in works where numbers[work.key] == nil && bibliography.entries[work.key] != nil {
            cited.append(work.key)
            numbers[work.key] = cited.count
        }
        let parts = works.compactMap { work -> String? in
            guard let entry = bibliography.entries[work.key] else { return nil }
            return narrative ? narrativePart(work, entry) : bracketedPart(work, entry)
        }
        if narrative { return "<span class=\"citation\">" + parts.joined(separator: "; ") + "</span>" }
        let (open, close) = style == .numeric ? ("[", "]") : ("(", ")")
        return "<span class=\"citation\">" + open + parts.joined(separator: style == .numeric ? ", " : "; ") + close + "</span>"
    }

    private func link(_ key: String, _ text: String) -> String {
        "<a href=\"#ref-\(HTMLText.escape(key))\">" + text + "</a>"
    }

    private func bracketedPart(_ work: CitedWork, _ entry: BibliographyEntry) -> String {
        let label: String
        switch style {
        case .numeric: label = String(numbers[work.key] ?? 0)
        case .authorYear: label = work.suppressAuthor ? year(entry) : Self.shortAuthors(entry) + " " + year(entry)
        }
        let prefix = work.prefix.isEmpty ? "" : HTMLText.escape(work.prefix) + " "
        return prefix + link(work.key, HTMLText.escape(label)) + suffix(work.suffix)
    }

    private func narrativePart(_ work: CitedWork, _ entry: BibliographyEntry) -> String {
        let prefix = work.prefix.isEmpty ? "" : HTMLText.escape(work.prefix) + " "
        switch style {
        case .numeric:
            return prefix
                + link(work.key, HTMLText.escape(Self.shortAuthors(entry) + " [\(numbers[work.key] ?? 0)") + suffix(work.suffix) + "]")
        case .authorYear:
            return prefix + link(work.key, HTMLText.escape(Self.shortAuthors(entry) + " (" + year(entry)) + suffix(work.suffix) + ")")
        }
    }

    /// ", p. 4" stays as written; "p. 4" gets its comma.
    private func suffix(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return "" }
        return HTMLText.escape(trimmed.hasPrefix(",") ? trimmed : ", " + trimmed)
    }

    private func year(_ entry: BibliographyEntry) -> String { (entry.year ?? "n.d.") + (yearSuffixes[entry.key] ?? "") }

    /// "Kaplan", "Kaplan and McCandlish", "Blei, Kucukelbir, and McAuliffe", "Kaplan et al.".
    static func shortAuthors(_ entry: BibliographyEntry) -> String {
        let names = (entry.authors.isEmpty ? entry.editors : entry.authors).map(\.familyWithParticle)
        guard let first = names.first else { return entry.title.map { "“\($0)”" } ?? entry.key }
        if names.count >= 4 || entry.moreAuthors { return first + " et al." }
        switch names.count {
        case 1: return first
        case 2: return first + " and " + names[1]
        default: return names.dropLast().joined(separator: ", ") + ", and " + names[names.count - 1]
        }
    }

    /// The References section: every cited work, sorted by author and year
    /// (author-year) or numbered in order of first citation (numeric).
    package func referencesHTML() -> String {
        guard !cited.isEmpty else { return "" }
        var keys = cited
        if style == .authorYear {
            keys.sort { Self.referenceOrder(bibliography.entries[$0]!, bibliography.entries[$1]!) }
        }
        var html = "<section class=\"references\">\n<h2>References</h2>\n<ol class=\"reference-list \(style.rawValue)\">\n"
        for key in keys {
            guard let entry = bibliography.entries[key] else { continue }
            let number = style == .numeric ? "<span class=\"reference-number\">[\(numbers[key] ?? 0)]</span> " : ""
            html += "<li id=\"ref-\(HTMLText.escape(key))\">\(number)\(Self.entryHTML(entry, yearSuffix: yearSuffixes[key] ?? ""))</li>\n"
        }
        return html + "</ol>\n</section>\n"
    }

    static func sortKey(_ entry: BibliographyEntry) -> String {
        let names = entry.authors.isEmpty ? entry.editors : entry.authors
        let key = names.isEmpty ? (entry.title ?? entry.key) : names.map(\.sortKey).joined(separator: " ")
        return key.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }

    /// One reference in Chicago author-date form.
    static func entryHTML(_ entry: BibliographyEntry, yearSuffix: String = "") -> String {
        var sentences: [String] = []
        let names = entry.authors.isEmpty ? entry.editors : entry.authors
        if !names.isEmpty {
            let shown = names.count > 10 ? Array(names.prefix(7)) : names
            let etAl = names.count > 10 || entry.moreAuthors
            var written = shown.enumerated().map { position, name in position == 0 ? name.invertedOrder : name.displayOrder }
            if etAl {
                written.append("et al.")
            } else if written.count > 1 {
                written[written.count - 1] = "and " + written[written.count - 1]
            }
            // Chicago keeps the comma before "and", even between two names.
            var list = written.joined(separator: ", ")
            if entry.authors.isEmpty { list += names.count > 1 ? ", eds" : ", ed" }
            sentences.append(HTMLText.escape(list))
            sentences.append(HTMLText.escape((entry.year ?? "n.d.") + yearSuffix))
        }
        let isBook = ["book", "phdthesis", "mastersthesis", "techreport", "manual", "proceedings"].contains(entry.type)
        if let title = entry.title {
            let escaped = HTMLText.escape(title)
            sentences.append(isBook ? "<cite>\(escaped)</cite>" : "“\(terminated(escaped))”")
        }
        if names.isEmpty { sentences.append(HTMLText.escape((entry.year ?? "n.d.") + yearSuffix)) }
        if let container = entry.container {
            var text = "<cite>\(HTMLText.escape(container))</cite>"
            if ["inproceedings", "incollection", "inbook", "conference"].contains(entry.type) {
                text = "In " + text
                if let pages = entry.pages { text += ", " + HTMLText.escape(pages) }
            } else {
                if let volume = entry.volume { text += " " + HTMLText.escape(volume) }
                if let number = entry.number { text += " (" + HTMLText.escape(number) + ")" }
                if let pages = entry.pages { text += (entry.volume == nil && entry.number == nil ? ", " : ": ") + HTMLText.escape(pages) }
            }
            sentences.append(text)
        }
        if let publisher = entry.publisher { sentences.append(HTMLText.escape(publisher)) }
        if let note = entry.note { sentences.append(HTMLText.escape(note)) }
        if let doi = entry.doi {
            let link = "https://doi.org/" + doi
            sentences.append("<a href=\"\(HTMLText.escape(link))\">\(HTMLText.escape(link))</a>")
        } else if let url = entry.url, url.hasPrefix("http://") || url.hasPrefix("https://") {
            sentences.append("<a href=\"\(HTMLText.escape(url))\">\(HTMLText.escape(url))</a>")
        }
        return sentences.map { sentence in
            // A quoted title already ends inside its quotes (“Title.”), a link needs no full stop.
            sentence.hasSuffix(".”") || sentence.hasSuffix("?”") || sentence.hasSuffix("</a>") ? sentence : terminated(sentence)
        }.joined(separator: " ")
    }

    /// The text with a full stop unless it already ends a sentence.
    static func terminated(_ text: String) -> String {
        guard let last = text.last else { return text }
        return ".?!".contains(last) ? text : text + "."
    }
}
