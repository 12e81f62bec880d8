import Foundation
import QuireDiagnostics

/// ISO 8601 dates as authors write them. A date or time without an offset is
/// read in the site's time zone, so the machine's TZ never changes output.
public enum ContentDate {
    public static func parse(_ text: String, timezone: TimeZone) -> Date? {
        // Hand-parsed: a Regex here dominated reading a thousand posts.
        var scanner = DateScanner(Array(text.trimmingCharacters(in: .whitespaces).utf8))
        guard let year = scanner.number(digits: 4), scanner.skip("-"), let month = scanner.number(digits: 2),
              scanner.skip("-"), let day = scanner.number(digits: 2) else { return nil }
        var hour = 0, minute = 0, second = 0
        var fraction = 0.0
        var zone = timezone
        if !scanner.atEnd {
            guard scanner.skip("T") || scanner.skip(" "), let h = scanner.number(digits: 2), scanner.skip(":"),
                  let m = scanner.number(digits: 2) else { return nil }
            hour = h
            minute = m
            if scanner.skip(":") {
                guard let s = scanner.number(digits: 2) else { return nil }
                second = s
                if scanner.skip(".") {
                    let digits = scanner.digits()
                    guard !digits.isEmpty, let value = Double("0." + digits) else { return nil }
                    fraction = value
                }
            }
            while scanner.skip(" ") {}
            if scanner.skip("Z") {
                zone = TimeZone(secondsFromGMT: 0)!
            } else if let sign = scanner.sign() {
                guard let hours = scanner.number(digits: 2) else { return nil }
                _ = scanner.skip(":")
                guard let minutes = scanner.number(digits: 2), let fixed = TimeZone(secondsFromGMT: sign * (hours * 3600 + minutes * 60)) else { return nil }
                zone = fixed
            }
            guard scanner.atEnd else { return nil }
        }
        guard (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = DateComponents(timeZone: zone, year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard let date = calendar.date(from: parts) else { return nil }
        // Reject dates the calendar silently rolled over (2026-02-31).
        let check = calendar.dateComponents([.year, .month, .day], from: date)
        guard check.year == year, check.month == month, check.day == day else { return nil }
        return date + fraction
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

    /// "2026-03-09".
    public static func isoDay(_ date: Date, timezone: TimeZone) -> String {
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

private struct DateScanner {
    let bytes: [UInt8]
    var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { position == bytes.count }

    mutating func skip(_ character: Character) -> Bool {
        guard position < bytes.count, bytes[position] == character.asciiValue else { return false }
        position += 1
        return true
    }

    mutating func number(digits count: Int) -> Int? {
        guard position + count <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[position..<(position + count)] {
            guard byte >= 48, byte <= 57 else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        position += count
        return value
    }

    mutating func digits() -> String {
        let start = position
        while position < bytes.count, bytes[position] >= 48, bytes[position] <= 57 { position += 1 }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    mutating func sign() -> Int? {
        if skip("+") { return 1 }
        if skip("-") { return -1 }
        return nil
    }
}
