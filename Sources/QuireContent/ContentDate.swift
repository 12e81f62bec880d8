import Foundation
import QuireDiagnostics

/// ISO 8601 dates as authors write them. A date or time without an offset is
/// read in the site's time zone, so the machine's TZ never changes output.
package enum ContentDate {
    public static func parse(_ text: String, timezone: TimeZone) -> Date? {
        guard case .valid(let date) = ISODateTime.read(text) else { return nil }
        return self.date(date, timezone: timezone)
    }

    /// The instant `date` names, read in `timezone` when it gave no offset.
    public static func date(_ date: ISODateTime, timezone: TimeZone) -> Date? {
        // A fixed offset needs no calendar: the arithmetic gives the Calendar's
        // answer from 1583 on, and leaves ICU, which Calendar and named zones
        // load (2-3 MB resident), unloaded for sites in UTC.
        let days = CivilDays.days(year: date.year, month: date.month, day: date.day)
        if days >= firstGregorianYearDays, let offset = date.offset ?? fixedOffset(of: timezone) {
            let seconds = days * 86_400 + date.hour * 3600 + date.minute * 60 + date.second - offset
            return Date(timeIntervalSince1970: Double(seconds)) + date.fraction
        }
        // Otherwise through the calendar, which knows the zone's daylight-saving
        // rules and reads dates before 1583 as `components` writes them back.
        let zone = date.offset.flatMap(TimeZone.init(secondsFromGMT:)) ?? timezone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = DateComponents(
            timeZone: zone, year: date.year, month: date.month, day: date.day,
            hour: date.hour, minute: date.minute, second: date.second)
        return calendar.date(from: parts).map { $0 + date.fraction }
    }

    /// Year, month and day of `date` in `timezone`, for permalinks, dates on
    /// pages and archives. Runs several times per post, so the day is found
    /// by arithmetic on the zone's offset rather than through a Calendar;
    /// before the Gregorian reform Foundation's calendar is Julian, so it
    /// answers for those dates.
    public static func components(_ date: Date, timezone: TimeZone) -> (year: Int, month: Int, day: Int) {
        let local = (date.timeIntervalSince1970 + Double(timezone.secondsFromGMT(for: date))).rounded(.down)
        let days = Int((local / 86_400).rounded(.down))
        guard days >= firstGregorianYearDays else {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = timezone
            let parts = calendar.dateComponents([.year, .month, .day], from: date)
            return (parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
        }
        return CivilDays.date(days: days)
    }

    /// The offset of a zone that has only one: one made from an offset, as
    /// `TimeZone(secondsFromGMT:)` and `SiteConfig` make UTC. Nil for a named
    /// zone, even one without daylight saving, whose offset history only ICU knows.
    static func fixedOffset(of zone: TimeZone) -> Int? {
        let offset = zone.secondsFromGMT()
        return TimeZone(secondsFromGMT: offset) == zone ? offset : nil
    }

    /// "2026-03-09".
    package static func isoDay(_ date: Date, timezone: TimeZone) -> String {
        let day = components(date, timezone: timezone)
        return padded(day.year, to: 4) + "-" + padded(day.month, to: 2) + "-" + padded(day.day, to: 2)
    }

    static func padded(_ number: Int, to width: Int) -> String {
        let digits = String(number)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// The first day of the first whole year of the Gregorian calendar.
    static let firstGregorianYearDays = CivilDays.days(year: 1583, month: 1, day: 1)
}
