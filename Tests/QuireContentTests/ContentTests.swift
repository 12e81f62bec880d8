import Foundation
import QuireConfig
import QuireDiagnostics
import Testing

@testable import QuireContent

@Suite struct FrontMatterTests {
    let utc = TimeZone(identifier: "UTC")!

    func parse(_ text: String, requireDate: Bool = true) throws -> (FrontMatter, [Diagnostic]) {
        let split = try SplitSource.split(text, path: "p.md")
        var warnings: [Diagnostic] = []
        let front = try FrontMatter.parse(split, path: "p.md", requireDate: requireDate, timezone: utc, warnings: &warnings)
        return (front, warnings)
    }

    @Test func readsEveryKey() throws {
        let (front, warnings) = try parse(
            """
            ---
            title: "Helix: part 2"
            date: 2026-03-01T10:30:00+02:00
            updated: 2026-03-05
            summary: Short.
            tags: [probes, pca]
            series: Helix
            draft: false
            slug: helix-2
            author: A. Author
            discuss: https://forum.example/t/1
            ---
            Body
            """)
        #expect(warnings.isEmpty)
        #expect(front.title == "Helix: part 2")
        #expect(front.date == Date(timeIntervalSince1970: 1_772_353_800))
        #expect(front.tags == ["probes", "pca"])
        #expect(front.series == "Helix")
        #expect(front.slug == "helix-2")
        #expect(front.discuss == "https://forum.example/t/1")
    }

    /// Front matter follows the one YAML policy (see YAMLNode): `~` is as if
    /// absent, dates are quire's to read, a tab in the indentation is located.
    @Test func nullsDatesAndTabsFollowTheYAMLPolicy() throws {
        let (front, _) = try parse("---\ntitle: x\ndate: 2026-01-01\nsummary: ~\ntags:\nseries: null\n---\n")
        #expect(front.summary == nil)
        #expect(front.tags == [])
        #expect(front.series == nil)
        do {
            _ = try parse("---\ntitle: x\ndate: 2026-01-01\n\tdraft: true\n---\n")
            Issue.record("a tab-indented line was read")
        } catch {
            let message = error.diagnostics(orAt: SourceLocation(path: "?")).first?.description ?? ""
            #expect(message.hasPrefix("p.md:4:1: error: invalid YAML: "), "\(message)")
        }
    }

    @Test func brokenFrontMatterIsLocated() throws {
        func errors(_ text: String) -> [String] {
            do {
                _ = try parse(text)
                return []
            } catch { return error.diagnostics(orAt: SourceLocation(path: "?")).map(\.description) }
        }
        #expect(errors("no fence\n") == ["p.md:1:1: error: missing front matter"])
        #expect(errors("---\ntitle: x\n") == ["p.md:1:1: error: front matter is not closed"])
        #expect(errors("---\ndate: 2026-01-01\n---\n") == ["p.md:1:1: error: 'title' is required"])
        #expect(errors("---\ntitle: x\ndate: yesterday\n---\n") == ["p.md:3:7: error: 'date' is not an ISO 8601 date: 'yesterday'"])
        #expect(
            errors("---\ntitle: x\ndate: 2024-02-31\n---\n") == [
                "p.md:3:7: error: 'date' is not a real date: '2024-02-31' (February 2024 has 29 days)"
            ])
        #expect(
            errors("---\ntitle: x\ndate: 2024-01-01\nupdated: 2023-02-29T10:00:00Z\n---\n")
                == ["p.md:4:10: error: 'updated' is not a real date: '2023-02-29T10:00:00Z' (February 2023 has 28 days)"])
        #expect(errors("---\ntitle: x\ndate: 2026-01-01\ndraft: maybe\n---\n") == ["p.md:4:8: error: 'draft' must be true or false"])
        #expect(
            errors("---\ntitle: x\ndate: 2026-01-01\ndraft: \"true\"\n---\n") == ["p.md:4:8: error: 'draft' must be true or false"],
            "quoted, it is text, as YAML has it")
        #expect(errors("---\ntitle: x\ndate: 2026-01-01\ntitle: y\n---\n").first?.contains("invalid YAML") == true, "a key given twice")
        #expect(errors("---\ntitle: x\ndate: 2026-01-01\ntags: {a: 1}\n---\n") == ["p.md:4:7: error: 'tags' must be a list"])
        #expect(
            errors("---\ntitle: x\ndate: 2026-01-01\nslug: Not OK\n---\n") == [
                "p.md:4:7: error: slug 'Not OK' may only hold lowercase letters, digits, '-' and '_'"
            ])
        #expect(errors("---\ntitle: x\ndate: 2026-01-01\ndiscuss: forum\n---\n") == ["p.md:4:10: error: 'discuss' must be an http(s) URL"])
        #expect(errors("---\n- a list\n---\n").first?.contains("expected a mapping") == true)
        #expect(errors("---\ntitle: x\ndate: 2026-01-01\n  bad: indent\n---\n").first?.contains("invalid YAML") == true)
    }

    /// Fences may carry spaces, tabs and a carriage return; `...` closes;
    /// the front matter and body are the exact bytes between and after them.
    @Test func sourcesSplitAtTheirFences() throws {
        let cases: [(String, front: String, body: String, offset: Int)] = [
            ("---\ntitle: x\n---\nBody\n", "title: x", "Body\n", 3),
            ("---\r\ntitle: x\r\n---\r\nBody\r\n", "title: x\r", "Body\r\n", 3),
            (" ---\t\na: 1\nb: 2\n...  \r\n\n# H\n", "a: 1\nb: 2", "\n# H\n", 4),
            ("---\n---\n", "", "", 2),
            ("---\ntitle: café — é\u{301}\n---", "title: café — é\u{301}", "", 3),
            ("---\na: 1\n----\n---\nx", "a: 1\n----", "x", 4),
        ]
        for (text, front, body, offset) in cases {
            let kept = try SplitSource.split(text, path: "p.md")
            #expect([kept.frontMatter, kept.body] == [front, body], "\(text.debugDescription)")
            #expect(kept.bodyLineOffset == offset)
            let left = try SplitSource.split(text, path: "p.md", keepingBody: false)
            #expect([left.frontMatter, left.body] == [front, ""] && left.bodyLineOffset == offset)
        }
        #expect(throws: Diagnostic.self) { try SplitSource.split("...\na: 1\n...\n", path: "p.md") }
        #expect(throws: Diagnostic.self) { try SplitSource.split("\u{FEFF}---\na: 1\n---\n", path: "p.md") }
    }

    @Test func yamlBooleansAreReadAsYAMLDefinesThem() throws {
        for (word, value) in [("true", true), ("Yes", true), ("ON", true), ("false", false), ("no", false), ("Off", false)] {
            let (front, _) = try parse("---\ntitle: x\ndate: 2026-01-01\ndraft: \(word)\n---\n")
            #expect(front.draft == value, "\(word)")
        }
        let (front, _) = try parse("---\ntitle: true\ndate: 2026-01-01\ntags: [yes, 12, ~]\n---\n")
        #expect(front.title == "true")
        #expect(front.tags == ["yes", "12", "~"])
    }

    @Test func pagesDoNotNeedADate() throws {
        let (front, _) = try parse("---\ntitle: About\n---\n", requireDate: false)
        #expect(front.date == nil)
    }

    @Test func datesWithoutOffsetUseTheSiteTimeZone() {
        let berlin = TimeZone(identifier: "Europe/Berlin")!
        #expect(ContentDate.parse("2026-01-01", timezone: berlin) == Date(timeIntervalSince1970: 1_767_222_000))
        #expect(ContentDate.parse("2026-01-01T00:00:00Z", timezone: berlin) == Date(timeIntervalSince1970: 1_767_225_600))
        #expect(ContentDate.parse("2026-01-01 12:00", timezone: utc) == Date(timeIntervalSince1970: 1_767_268_800))
        for bad in ["2026-02-30", "2026-13-01", "26-01-01", "2026-01-01T25:00", "", "2026-01-01Tx"] {
            #expect(ContentDate.parse(bad, timezone: utc) == nil, "\(bad)")
        }
    }

    @Test func slugsAndPermalinks() {
        #expect(Slug.make(from: "Helical Representations: Part 2!") == "helical-representations-part-2")
        #expect(Slug.make(from: "  ") == "untitled")
        #expect(Slug.make(from: "A newcomer's first note") == "a-newcomers-first-note")
        #expect(Slug.make(from: "Don’t panic") == "dont-panic")
        #expect(Slug.make(from: "Über-Modell") == "uber-modell")
        // Accents go from Latin letters, decomposed or not; other scripts keep their letters.
        #expect(Slug.make(from: "Tiếng Việt, Straße & Søren") == "tieng-viet-strasse-soren")
        #expect(Slug.make(from: "U\u{0308}ber") == "uber")
        #expect(Slug.make(from: "日本語") == "日本語")
        #expect(Slug.make(from: "中文 / 日本語") == "中文-日本語")
        #expect(Slug.make(from: "한국어 노트") == "한국어-노트")
        #expect(Slug.make(from: "がくしゅう") == "がくしゅう")
        #expect(Slug.make(from: "Привет, мир") == "привет-мир")
        #expect(Slug.make(from: "हिन्दी") == "हिन्दी")
        #expect(Slug.isValid("日本語") && Slug.isValid("a--b") && !Slug.isValid("Über") && !Slug.isValid("a b"))
        let date = ContentDate.parse("2026-03-09", timezone: utc)
        #expect(Permalink.expand("/:year/:month/:day/:slug/", slug: "x", date: date, timezone: utc) == "/2026/03/09/x/")
        #expect(Permalink.expand("/posts/:slug", slug: "x", date: date, timezone: utc) == "/posts/x/")
        // Unknown fields stay as written; a post without a date files under 1970.
        #expect(Permalink.expand("/:lang/:slug/", slug: "x", date: date, timezone: utc) == "/:lang/x/")
        #expect(Permalink.expand("/:year/:slug/", slug: "x", date: nil, timezone: utc) == "/1970/x/")
        #expect(
            Permalink.expand("/:year/:slug/", slug: "x", date: ContentDate.parse("0987-01-02", timezone: utc), timezone: utc) == "/0987/x/")
    }
}

@Suite struct SiteConfigTests {
    func load(_ yaml: String, baseURL: String? = nil) throws -> (SiteConfig, [Diagnostic]) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("quire-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try yaml.write(to: root.appendingPathComponent("quire.yaml"), atomically: true, encoding: .utf8)
        var warnings: [Diagnostic] = []
        return (try SiteConfig.load(from: root, baseURLOverride: baseURL, warnings: &warnings), warnings)
    }

    @Test func defaults() throws {
        let (config, warnings) = try load("title: T\nbase_url: https://x.example/blog\n")
        #expect(warnings.isEmpty)
        #expect(config.baseURL == "https://x.example/blog/")
        #expect(config.feedItems == 20)
        #expect(config.permalink == "/posts/:slug/")
        #expect(config.timezone.secondsFromGMT() == 0)
        #expect(config.language == "en")
    }

    /// UTC by any of its usual names is a fixed offset, so dates are read
    /// without ICU; other names are still ICU's zones, daylight saving and all.
    @Test func utcIsAFixedOffsetAndOtherZonesAreICUs() throws {
        for name in ["UTC", "Etc/UTC", "Etc/GMT", "GMT"] {
            let (config, _) = try load("title: T\nbase_url: https://x.example/\ntimezone: \(name)\n")
            #expect(ContentDate.fixedOffset(of: config.timezone) == 0, "\(name)")
        }
        let (berlin, _) = try load("title: T\nbase_url: https://x.example/\ntimezone: Europe/Berlin\n")
        #expect(berlin.timezone.identifier == "Europe/Berlin")
        #expect(ContentDate.fixedOffset(of: berlin.timezone) == nil)
        // 2026-07-01 and 2026-01-01 at 00:00 UTC: summer and winter time.
        #expect(berlin.timezone.secondsFromGMT(for: Date(timeIntervalSince1970: 1_782_864_000)) == 7_200)
        #expect(berlin.timezone.secondsFromGMT(for: Date(timeIntervalSince1970: 1_767_225_600)) == 3_600)
    }

    @Test func badConfigIsLocatedAndComplete() throws {
        do {
            _ = try load("title: T\nbase_url: /relative\ntimezone: Mars/Olympus\nfeed_items: -1\npermalink: /posts/\n")
            Issue.record("expected errors")
        } catch {
            let messages = error.diagnostics(orAt: SourceLocation(path: "?")).map(\.description)
            #expect(messages.count == 4)
            #expect(messages.contains("quire.yaml:2:11: error: base_url must be an absolute http(s) URL, not '/relative'"))
            #expect(messages.contains("quire.yaml:3:11: error: unknown time zone 'Mars/Olympus'"))
            #expect(messages.contains("quire.yaml:4:13: error: 'feed_items' must be a whole number from 1 to 10000"))
            #expect(messages.contains("quire.yaml:5:12: error: permalink must start with '/' and contain ':slug'"))
        }
        let (_, warnings) = try load("title: T\nbase_url: https://x.example/\ntitel: typo\n")
        #expect(warnings.map(\.hint) == ["did you mean 'title'?"])
        let (overridden, _) = try load("title: T\nbase_url: https://x.example/\n", baseURL: "https://preview.example/")
        #expect(overridden.baseURL == "https://preview.example/")
    }

    /// quire.yaml follows the one YAML policy (see YAMLNode): decimal whole
    /// numbers with `_` separators; hex and exponents are not whole numbers
    /// (Yams' own reading took `0x10` as 16 before); `~` is as if absent.
    @Test func numbersAndNullsFollowTheYAMLPolicy() throws {
        let base = "title: T\nbase_url: https://x.example/\n"
        #expect(try load(base + "feed_items: 1_000\n").0.feedItems == 1000)
        #expect(try load(base + "feed_items: ~\n").0.feedItems == 20)
        for bad in ["0x10", "1e3", "12.0"] {
            do {
                _ = try load(base + "feed_items: \(bad)\n")
                Issue.record("feed_items: \(bad) was read")
            } catch {
                #expect(
                    error.diagnostics(orAt: SourceLocation(path: "?")).map(\.description) == [
                        "quire.yaml:3:13: error: 'feed_items' must be a whole number from 1 to 10000"
                    ])
            }
        }
        do {
            _ = try load(base + "feed_items: 5\n\ttitle: again\n")
            Issue.record("a tab-indented line was read")
        } catch {
            let message = error.diagnostics(orAt: SourceLocation(path: "?")).first?.description ?? ""
            #expect(message.hasPrefix("quire.yaml:4:1: error: invalid YAML: "), "\(message)")
        }
    }
}

/// The day of a date is found by arithmetic; Foundation's Calendar is the reference.
@Suite struct ContentDateTests {
    func calendarDay(_ date: Date, _ zone: TimeZone) -> (Int, Int, Int) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return (parts.year!, parts.month!, parts.day!)
    }

    @Test func civilDatesMatchTheCalendarFromTheGregorianReformOn() {
        let utc = TimeZone(identifier: "UTC")!
        // Every 13th day from 1583-01-01 to about 2517, crossing every kind of leap year.
        for days in stride(from: ContentDate.firstGregorianYearDays, through: 200_000, by: 13) {
            let day = CivilDays.date(days: days)
            #expect(day == calendarDay(Date(timeIntervalSince1970: Double(days) * 86_400), utc), "day \(days)")
        }
        #expect(CivilDays.date(days: 0) == (1970, 1, 1))
        #expect(CivilDays.date(days: 11_016) == (2000, 2, 29))
    }

    /// The instant a date names, through Foundation's Calendar: what
    /// `ContentDate.date` did for every zone before fixed offsets skipped it.
    func calendarInstant(_ date: ISODateTime, _ siteZone: TimeZone) -> Date? {
        let zone = date.offset.flatMap(TimeZone.init(secondsFromGMT:)) ?? siteZone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = DateComponents(
            timeZone: zone, year: date.year, month: date.month, day: date.day,
            hour: date.hour, minute: date.minute, second: date.second)
        return calendar.date(from: parts).map { $0 + date.fraction }
    }

    @Test func fixedOffsetInstantsAreTheCalendarsToTheLastBit() {
        // UTC as the site reads it, +05:45 and -10:00; offsets written in the date from -12:00 to +14:00.
        let zones = [0, 20_700, -36_000].map { TimeZone(secondsFromGMT: $0)! }
        let offsets: [Int?] = [nil, 0, 50_400, -43_200, 19_800]
        var checked = 0
        // Every 97th day from 1583-01-01 to about 2517, at varied times, a leap second and fractions among them.
        for days in stride(from: ContentDate.firstGregorianYearDays, through: 200_000, by: 97) {
            let day = CivilDays.date(days: days)
            var date = ISODateTime(year: day.year, month: day.month, day: day.day)
            (date.hour, date.minute, date.second) = (abs(days) % 24, abs(days) % 60, abs(days) % 61)
            date.fraction = [0, 0.5, 0.123_456_789][abs(days) % 3]
            for zone in zones {
                for offset in offsets {
                    date.offset = offset
                    let made = ContentDate.date(date, timezone: zone)
                    let expected = calendarInstant(date, zone)
                    #expect(
                        made?.timeIntervalSinceReferenceDate.bitPattern == expected?.timeIntervalSinceReferenceDate.bitPattern,
                        "\(date) in \(zone.identifier)")
                    checked += 1
                }
            }
        }
        #expect(checked > 30_000)
        #expect(ContentDate.fixedOffset(of: TimeZone(secondsFromGMT: 20_700)!) == 20_700)
        // Kolkata has kept +05:30 since 1945, but its history is ICU's: the calendar reads it.
        #expect(ContentDate.fixedOffset(of: TimeZone(identifier: "Asia/Kolkata")!) == nil)
    }

    @Test func componentsFollowTheZoneAcrossMidnightAndDaylightSaving() {
        let zones = ["Pacific/Kiritimati", "America/St_Johns", "Asia/Kathmandu", "Europe/London", "America/Los_Angeles", "UTC"]
            .map { TimeZone(identifier: $0)! }
        // Hourly around the 2026 spring and autumn changes, and around 1900 and 1600.
        let starts = [1_772_928_000.0, 1_792_022_400.0, -2_208_988_800.0, -11_676_096_000.0]
        for zone in zones {
            for start in starts {
                for hour in stride(from: -48.0, through: 48.0, by: 1.0) {
                    let date = Date(timeIntervalSince1970: start + hour * 3_600 + 1_799)
                    #expect(ContentDate.components(date, timezone: zone) == calendarDay(date, zone), "\(zone.identifier) \(date)")
                }
            }
        }
        // Before the reform the calendar is Julian, and components agrees with it.
        let julian = Date(timeIntervalSince1970: -12_219_292_800 - 86_400 * 3)
        #expect(ContentDate.components(julian, timezone: TimeZone(identifier: "UTC")!) == calendarDay(julian, TimeZone(identifier: "UTC")!))
        #expect(ContentDate.isoDay(Date(timeIntervalSince1970: 0), timezone: TimeZone(identifier: "UTC")!) == "1970-01-01")
    }
}
