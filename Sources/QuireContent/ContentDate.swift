import Foundation

/// ISO 8601 dates as authors write them. A date or time without an offset is
/// read in the site's time zone, so the machine's TZ never changes output.
public enum ContentDate {
    public static func parse(_ text: String, timezone: TimeZone) -> Date? {
        let text = text.trimmingCharacters(in: .whitespaces)
        let pattern = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/
        guard let match = text.wholeMatch(of: pattern) else { return nil }
        var parts = DateComponents()
        parts.year = Int(match.1)
        parts.month = Int(match.2)
        parts.day = Int(match.3)
        parts.hour = match.4.flatMap { Int($0) } ?? 0
        parts.minute = match.5.flatMap { Int($0) } ?? 0
        parts.second = match.6.flatMap { Int($0) } ?? 0
        var zone = timezone
        if let offset = match.8 {
            if offset == "Z" {
                zone = TimeZone(secondsFromGMT: 0)!
            } else {
                let digits = offset.dropFirst().filter(\.isNumber)
                let hours = Int(digits.prefix(2)) ?? 0
                let minutes = Int(digits.suffix(2)) ?? 0
                let sign = offset.hasPrefix("-") ? -1 : 1
                guard let fixed = TimeZone(secondsFromGMT: sign * (hours * 3600 + minutes * 60)) else { return nil }
                zone = fixed
            }
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        parts.timeZone = zone
        guard let month = parts.month, (1...12).contains(month), let day = parts.day, (1...31).contains(day),
              let hour = parts.hour, hour < 24, let minute = parts.minute, minute < 60, let second = parts.second, second < 61,
              let date = calendar.date(from: parts) else { return nil }
        // Reject dates the calendar silently rolled over (2026-02-31).
        let check = calendar.dateComponents([.year, .month, .day], from: date)
        guard check.year == parts.year, check.month == month, check.day == day else { return nil }
        var result = date
        if let fraction = match.7, let value = Double("0." + fraction) { result += value }
        return result
    }

    /// Year, month and day of `date` in `timezone`, for permalinks and archives.
    public static func components(_ date: Date, timezone: TimeZone) -> (year: Int, month: Int, day: Int) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timezone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return (parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
    }
}
