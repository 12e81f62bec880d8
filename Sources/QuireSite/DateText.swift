import Foundation

/// Dates as pages show them, in the site's time zone and English, whatever the
/// machine's locale or TZ.
struct DateText: Sendable {
    let timezone: TimeZone
    private static let months = ["January", "February", "March", "April", "May", "June", "July",
                                 "August", "September", "October", "November", "December"]

    private func parts(_ date: Date) -> DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timezone
        return calendar.dateComponents([.year, .month, .day], from: date)
    }

    /// "21 November 2026".
    func display(_ date: Date) -> String {
        let p = parts(date)
        return "\(p.day ?? 1) \(Self.months[(p.month ?? 1) - 1]) \(p.year ?? 1970)"
    }

    /// "2026-11-21", for `<time datetime>`.
    func iso(_ date: Date) -> String {
        let p = parts(date)
        return String(format: "%04d-%02d-%02d", p.year ?? 1970, p.month ?? 1, p.day ?? 1)
    }
}
