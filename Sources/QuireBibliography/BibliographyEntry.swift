import Foundation
import QuireDiagnostics

/// One work a post may cite, read from BibTeX or CSL-JSON. Text fields hold
/// plain Unicode (TeX accents and braces already resolved).
public struct BibliographyEntry: Sendable, Equatable {
    public var key: String
    /// BibTeX's entry type, lowercased (`article`, `book`, `inproceedings`, `misc`, …);
    /// CSL types are mapped onto these.
    public var type: String
    package var authors: [PersonName]
    /// The list ended with `and others`: more authors than are named.
    var moreAuthors: Bool
    package var editors: [PersonName]
    public var title: String?
    /// Journal, proceedings or book the work appeared in.
    package var container: String?
    /// Usually four digits; whatever the source gives otherwise.
    public var year: String?
    public var month: Int?
    var volume: String?
    public var number: String?
    public var pages: String?
    var publisher: String?
    var doi: String?
    public var url: String?
    package var note: String?
    /// Where the entry starts in its file.
    public var location: SourceLocation

    package init(
        key: String, type: String, authors: [PersonName] = [], moreAuthors: Bool = false, editors: [PersonName] = [],
        title: String? = nil, container: String? = nil, year: String? = nil, month: Int? = nil, volume: String? = nil,
        number: String? = nil, pages: String? = nil, publisher: String? = nil, doi: String? = nil, url: String? = nil,
        note: String? = nil, location: SourceLocation
    ) {
        self.key = key
        self.type = type
        self.authors = authors
        self.moreAuthors = moreAuthors
        self.editors = editors
        self.title = title
        self.container = container
        self.year = year
        self.month = month
        self.volume = volume
        self.number = number
        self.pages = pages
        self.publisher = publisher
        self.doi = doi
        self.url = url
        self.note = note
        self.location = location
    }
}

/// A person's name split the way BibTeX splits it, or an organisation's name kept whole.
package struct PersonName: Sendable, Equatable {
    package var family: String
    package var given: String
    /// "von", "van der", "de": printed before the family name.
    var particle: String
    /// "Jr.", "III".
    public var suffix: String
    /// An organisation ("{National Institute of Standards and Technology}"): never split or inverted.
    var isOrganization: Bool

    public init(family: String, given: String = "", particle: String = "", suffix: String = "", isOrganization: Bool = false) {
        self.family = family
        self.given = given
        self.particle = particle
        self.suffix = suffix
        self.isOrganization = isOrganization
    }

    static func organization(_ name: String) -> PersonName {
        PersonName(family: name, isOrganization: true)
    }

    /// "van Gogh" — what a citation shows.
    var familyWithParticle: String {
        particle.isEmpty ? family : particle + " " + family
    }

    /// "Vincent van Gogh, Jr."
    var displayOrder: String {
        if isOrganization { return family }
        return [given, familyWithParticle].filter { !$0.isEmpty }.joined(separator: " ") + (suffix.isEmpty ? "" : ", " + suffix)
    }

    /// "van Gogh, Vincent, Jr." — the first author of a reference-list entry.
    var invertedOrder: String {
        if isOrganization || given.isEmpty { return displayOrder }
        return familyWithParticle + ", " + given + (suffix.isEmpty ? "" : ", " + suffix)
    }

    /// The key a reference list sorts by: family name first, particles ignored
    /// as Chicago does ("van Gogh" under G), case and accents folded.
    var sortKey: String {
        (family + " " + given).folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }
}

/// The works a post may cite, by key.
public struct Bibliography: Sendable {
    public var entries: [String: BibliographyEntry]
    /// The file it came from (relative to the site root), for messages.
    public var path: String

    public init(entries: [BibliographyEntry], path: String) {
        self.entries = Dictionary(entries.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        self.path = path
    }

    /// Reads a `.bib` (BibTeX) or `.json` (CSL-JSON) file's text.
    public static func parse(_ text: String, path: String) throws -> Bibliography {
        let entries =
            path.lowercased().hasSuffix(".json") ? try CSLJSONReader.read(text, path: path) : try BibTeXParser.parse(text, path: path)
        return Bibliography(entries: entries, path: path)
    }
}
