import Foundation

/// Date formats used by feeds and sitemaps, always in UTC.
///
/// The calendar arithmetic is done by hand instead of with `DateFormatter` so
/// the output cannot depend on the machine's locale, time zone (`TZ`) or ICU
/// version: two builds of the same site must produce the same bytes.
enum FeedDates {
    /// RFC 822 as RSS 2.0 wants it, e.g. "Sat, 21 Nov 2026 14:05:00 +0000".
    static func rfc822(_ date: Date) -> String {
        let t = UTCTime(date)
        return "\(weekdayNames[t.weekday]), \(pad(t.day, 2)) \(monthNames[t.month - 1]) \(pad(t.year, 4)) "
            + "\(pad(t.hour, 2)):\(pad(t.minute, 2)):\(pad(t.second, 2)) +0000"
    }

    /// RFC 3339 / W3C datetime in UTC, e.g. "2026-11-21T14:05:00Z" (Atom, sitemaps).
    static func rfc3339(_ date: Date) -> String {
        let t = UTCTime(date)
        return "\(pad(t.year, 4))-\(pad(t.month, 2))-\(pad(t.day, 2))T"
            + "\(pad(t.hour, 2)):\(pad(t.minute, 2)):\(pad(t.second, 2))Z"
    }

    private static let weekdayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

/// A moment broken down into proleptic Gregorian fields in UTC, to whole seconds.
struct UTCTime: Equatable {
    var year: Int, month: Int, day: Int
    var hour: Int, minute: Int, second: Int
    /// 0 = Sunday.
    var weekday: Int

    /// Feeds need four-digit years; dates outside 0001…9999 (or NaN, infinity)
    /// are clamped rather than trapping on the conversion to `Int`.
    static let earliest: Double = -62_135_596_800  // 0001-01-01T00:00:00Z
    static let latest: Double = 253_402_300_799  // 9999-12-31T23:59:59Z

    init(_ date: Date) {
        var seconds = date.timeIntervalSince1970.rounded(.down)
        if seconds.isNaN { seconds = 0 }
        seconds = min(max(seconds, Self.earliest), Self.latest)
        let total = Int(seconds)
        let days = Self.floorDiv(total, 86_400)
        let secondOfDay = total - days * 86_400
        hour = secondOfDay / 3600
        minute = secondOfDay % 3600 / 60
        second = secondOfDay % 60
        // 1970-01-01 was a Thursday (4).
        weekday = ((days % 7) + 7 + 4) % 7
        (year, month, day) = Self.civilDate(daysSinceEpoch: days)
    }

    /// Converts a day count since 1970-01-01 to a Gregorian date by counting
    /// in 400-year eras that start on 1 March, so the leap day falls at the end
    /// of each counted year.
    private static func civilDate(daysSinceEpoch: Int) -> (Int, Int, Int) {
        let shifted = daysSinceEpoch + 719_468  // days from 0000-03-01 to 1970-01-01
        let era = floorDiv(shifted, 146_097)
        let dayOfEra = shifted - era * 146_097  // 0...146096
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)  // from 1 March
        let monthFromMarch = (5 * dayOfYear + 2) / 153  // 0 = March
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    private static func floorDiv(_ a: Int, _ b: Int) -> Int {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}
