import Foundation
import Testing

@testable import QuireFeeds

/// Expected strings come from Python, independently of this code:
///   from datetime import datetime, timezone; from email.utils import format_datetime
///   d = datetime(2026, 11, 21, 14, 5, tzinfo=timezone.utc)
///   int(d.timestamp()), format_datetime(d), d.strftime('%Y-%m-%dT%H:%M:%SZ')
///   → 1795269900 'Sat, 21 Nov 2026 14:05:00 +0000' '2026-11-21T14:05:00Z'
@Suite struct FeedDatesTests {
    static let cases: [(seconds: Double, rfc822: String, rfc3339: String)] = [
        (1_795_269_900, "Sat, 21 Nov 2026 14:05:00 +0000", "2026-11-21T14:05:00Z"),
        (1_709_251_199, "Thu, 29 Feb 2024 23:59:59 +0000", "2024-02-29T23:59:59Z"),
        (-1, "Wed, 31 Dec 1969 23:59:59 +0000", "1969-12-31T23:59:59Z"),
        (951_868_800, "Wed, 01 Mar 2000 00:00:00 +0000", "2000-03-01T00:00:00Z"),
        (-2_208_988_800, "Mon, 01 Jan 1900 00:00:00 +0000", "1900-01-01T00:00:00Z"),
        (4_107_585_600, "Mon, 01 Mar 2100 12:00:00 +0000", "2100-03-01T12:00:00Z"),
        (253_402_300_799, "Fri, 31 Dec 9999 23:59:59 +0000", "9999-12-31T23:59:59Z"),
        (-62_135_596_800, "Mon, 01 Jan 0001 00:00:00 +0000", "0001-01-01T00:00:00Z"),
    ]

    @Test(arguments: cases)
    func formatsKnownMoments(_ sample: (seconds: Double, rfc822: String, rfc3339: String)) {
        let date = Date(timeIntervalSince1970: sample.seconds)
        #expect(FeedDates.rfc822(date) == sample.rfc822)
        #expect(FeedDates.rfc3339(date) == sample.rfc3339)
    }

    @Test func fractionalSecondsAreTruncatedTowardThePast() {
        #expect(FeedDates.rfc3339(Date(timeIntervalSince1970: 1.9)) == "1970-01-01T00:00:01Z")
        #expect(FeedDates.rfc3339(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59Z")
    }

    @Test func impossibleDatesAreClampedInsteadOfCrashing() {
        #expect(FeedDates.rfc3339(Date(timeIntervalSince1970: .infinity)) == "9999-12-31T23:59:59Z")
        #expect(FeedDates.rfc3339(Date(timeIntervalSince1970: -.infinity)) == "0001-01-01T00:00:00Z")
        #expect(FeedDates.rfc3339(Date(timeIntervalSince1970: .nan)) == "1970-01-01T00:00:00Z")
        #expect(FeedDates.rfc822(.distantFuture).hasSuffix("+0000"))
        #expect(FeedDates.rfc822(.distantPast) == "Mon, 01 Jan 0001 00:00:00 +0000")
    }

    /// Every day for 800 years against Foundation's own Gregorian calendar (UTC),
    /// to catch an off-by-one in the leap-year arithmetic anywhere in the range.
    @Test func agreesWithFoundationCalendarDayByDay() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        var mismatches: [String] = []
        let start = -2_208_988_800.0  // 1900-01-01
        for day in stride(from: 0, to: 800 * 366, by: 1) {
            let date = Date(timeIntervalSince1970: start + Double(day) * 86_400 + 45_296)  // 12:34:56
            let c = calendar.dateComponents([.year, .month, .day, .weekday], from: date)
            let t = UTCTime(date)
            if t.year != c.year || t.month != c.month || t.day != c.day || t.weekday + 1 != c.weekday
                || t.hour != 12 || t.minute != 34 || t.second != 56
            {
                mismatches.append("\(date): \(t)")
                if mismatches.count > 5 { break }
            }
        }
        #expect(mismatches.isEmpty)
    }
}
