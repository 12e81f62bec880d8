import Foundation
import QuireContent

/// Dates as pages show them, in the site's time zone and English, whatever the
/// machine's locale or TZ.
struct DateText: Sendable {
    let timezone: TimeZone
    private static let months = [
        "January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December",
    ]

    /// "21 November 2026".
    func display(_ date: Date) -> String {
        let day = ContentDate.components(date, timezone: timezone)
        return "\(day.day) \(Self.months[day.month - 1]) \(day.year)"
    }

    /// "2026-11-21", for `<time datetime>`.
    func iso(_ date: Date) -> String {
        ContentDate.isoDay(date, timezone: timezone)
    }
}
