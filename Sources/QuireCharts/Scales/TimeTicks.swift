import Foundation
import QuireDiagnostics

/// Calendar arithmetic in UTC on seconds since 1970, without Foundation's
/// formatters, so time axes read the same on every machine and time zone.
enum CivilTime {
    static func days(year: Int, month: Int, day: Int) -> Int { CivilDays.days(year: year, month: month, day: day) }

    static func date(days: Int) -> (year: Int, month: Int, day: Int) { CivilDays.date(days: days) }

    /// `2024-05-01`, `2024-05-01T12:30:00Z`, `2024-05-01 12:30:00.5+02:00` → seconds since 1970;
    /// text without a zone is UTC.
    package static func parse(_ text: String) -> Double? {
        ISODateTime.parse(text)?.secondsSince1970()
    }

    /// Keeps day arithmetic in Int range for absurd inputs (±300,000 years).
    static func dayNumber(_ seconds: Double) -> Int {
        guard seconds.isFinite else { return 0 }
        return Int((min(max(seconds, -1e13), 1e13) / 86_400).rounded(.down))
    }

    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `2024-05-01` or `2024-05-01 12:30` for descriptions.
    package static func describe(_ seconds: Double) -> String {
        let day = dayNumber(seconds)
        let (y, m, d) = date(days: day)
        let rest = Int(max(0, min(86_399, seconds - Double(day) * 86_400)))
        let base = "\(y)-\(pad(m))-\(pad(d))"
        return rest == 0 ? base : base + " \(pad(rest / 3600)):\(pad(rest % 3600 / 60))"
    }

    static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}

/// Ticks at calendar steps (seconds … years) chosen so about `count` fit.
enum TimeTicks {
    enum Unit { case second, day, month, year }

    /// (unit, multiple, approximate seconds)
    private static let steps: [(Unit, Int, Double)] = [
        (.second, 1, 1), (.second, 5, 5), (.second, 15, 15), (.second, 30, 30),
        (.second, 60, 60), (.second, 300, 300), (.second, 900, 900), (.second, 1800, 1800),
        (.second, 3600, 3600), (.second, 10_800, 10_800), (.second, 21_600, 21_600), (.second, 43_200, 43_200),
        (.day, 1, 86_400), (.day, 2, 172_800), (.day, 7, 604_800),
        (.month, 1, 2_629_746), (.month, 3, 7_889_238), (.month, 6, 15_778_476),
        (.year, 1, 31_556_952),
    ]

    package static func ticks(_ low: Double, _ high: Double, count: Int) -> [(value: Double, label: String)] {
        guard high > low, low.isFinite, high.isFinite, abs(low) < 1e13, abs(high) < 1e13 else {
            return low.isFinite ? [(low, CivilTime.describe(low))] : []
        }
        let target = (high - low) / Double(max(count, 1))
        let chosen = steps.first { $0.2 >= target * 0.75 }
        var values: [Double] = []
        let unit: Unit
        if let (stepUnit, multiple, _) = chosen {
            unit = stepUnit
            switch stepUnit {
            case .second:
                let step = Double(multiple)
                var value = (low / step).rounded(.up) * step
                while value <= high, values.count < 1000 {
                    values.append(value)
                    value += step
                }
            case .day:
                // Weeks start on Monday; 1970-01-01 was a Thursday, so offset by 3 days.
                let offset = multiple == 7 ? 3 : 0
                let step = multiple * 86_400
                var day = (CivilTime.dayNumber(low + 86_399) + offset + multiple - 1) / multiple * multiple - offset
                while Double(day * 86_400) <= high, values.count < 1000 {
                    if Double(day * 86_400) >= low { values.append(Double(day * 86_400)) }
                    day += step / 86_400
                }
            case .month:
                var (year, month, _) = CivilTime.date(days: CivilTime.dayNumber(low))
                month = ((month - 1) / multiple) * multiple + 1
                while values.count < 1000 {
                    let value = Double(CivilTime.days(year: year, month: month, day: 1) * 86_400)
                    if value > high { break }
                    if value >= low { values.append(value) }
                    month += multiple
                    if month > 12 {
                        month -= 12
                        year += 1
                    }
                }
            case .year:
                break
            }
        } else {
            unit = .year
        }
        if unit == .year {
            let first = CivilTime.date(days: CivilTime.dayNumber(low)).year
            let last = CivilTime.date(days: CivilTime.dayNumber(high)).year
            let step = max(1, Int(NiceTicks.step(Double(first), Double(last), count: count).rounded()))
            var year = (first + step - 1) / step * step
            while year <= last, values.count < 1000 {
                let value = Double(CivilTime.days(year: year, month: 1, day: 1) * 86_400)
                if value >= low { values.append(value) }
                year += step
            }
        }
        var ticks = values.map { ($0, label($0, unit: unit)) }
        // The first month tick names its year too, so the axis says which year it starts in.
        if unit == .month, let first = ticks.first, !first.1.contains(" ") {
            ticks[0].1 = first.1 + " \(CivilTime.date(days: CivilTime.dayNumber(first.0)).year)"
        }
        return ticks.map { (value: $0.0, label: $0.1) }
    }

    static func label(_ seconds: Double, unit: Unit) -> String {
        let dayNumber = CivilTime.dayNumber(seconds)
        let (year, month, day) = CivilTime.date(days: dayNumber)
        let rest = Int(max(0, min(86_399, seconds - Double(dayNumber) * 86_400)))
        switch unit {
        case .year: return "\(year)"
        case .month: return month == 1 ? "\(CivilTime.monthNames[month - 1]) \(year)" : CivilTime.monthNames[month - 1]
        case .day: return "\(CivilTime.monthNames[month - 1]) \(day)"
        case .second:
            if rest == 0 { return "\(CivilTime.monthNames[month - 1]) \(day)" }
            let clock = "\(CivilTime.pad(rest / 3600)):\(CivilTime.pad(rest % 3600 / 60))"
            return rest % 60 == 0 ? clock : clock + ":\(CivilTime.pad(rest % 60))"
        }
    }
}
