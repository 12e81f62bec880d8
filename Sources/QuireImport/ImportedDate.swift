import Foundation
import QuireDiagnostics

/// A date as Jekyll and Hugo accept it (`2019-03-04`, `2019-3-4 10:00`,
/// `2019-03-04 10:00:00 +0100`, `2019-03-04T10:00:00+01:00`, `… Z`), and as
/// quire writes it (ISO 8601).
struct ImportedDate: Equatable {
    var year: Int, month: Int, day: Int
    var time: (hour: Int, minute: Int, second: Int)?
    /// Seconds east of UTC, when the author gave an offset.
    var offset: Int?

    static func == (lhs: ImportedDate, rhs: ImportedDate) -> Bool { lhs.iso == rhs.iso }

    init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    init?(_ text: String) {
        switch ISODateTime.read(text) {
        case .valid(let date):
            self.init(year: date.year, month: date.month, day: date.day)
            if date.hasTime { time = (date.hour, date.minute, date.second) }
            offset = date.offset
            return
        case .impossible:
            return nil
        case .malformed:
            // What Jekyll and Hugo read beyond ISO 8601, below.
            break
        }
        let scalars = Array(text.trimmingCharacters(in: .whitespaces).unicodeScalars)
        var index = 0
        func number(maxDigits: Int) -> Int? {
            var value = 0
            var count = 0
            while index < scalars.count, count < maxDigits, let digit = Int(String(scalars[index])), scalars[index].isASCII {
                value = value * 10 + digit
                index += 1
                count += 1
            }
            return count > 0 ? value : nil
        }
        func skip(_ character: Unicode.Scalar) -> Bool {
            guard index < scalars.count, scalars[index] == character else { return false }
            index += 1
            return true
        }
        guard let year = number(maxDigits: 4), skip("-"), let month = number(maxDigits: 2), skip("-"), let day = number(maxDigits: 2),
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        self.init(year: year, month: month, day: day)
        if skip("T") || skip(" ") {
            while skip(" ") {}
            if let hour = number(maxDigits: 2), skip(":"), let minute = number(maxDigits: 2) {
                var second = 0
                if skip(":") { second = number(maxDigits: 2) ?? 0 }
                if skip(".") { _ = number(maxDigits: 9) }
                guard hour < 24, minute < 60, second < 61 else { return nil }
                time = (hour, minute, second)
                while skip(" ") {}
                if skip("Z") {
                    offset = 0
                } else if index < scalars.count, scalars[index] == "+" || scalars[index] == "-" {
                    let sign = scalars[index] == "-" ? -1 : 1
                    index += 1
                    guard let hours = number(maxDigits: 2) else { return nil }
                    _ = skip(":")
                    let minutes = number(maxDigits: 2) ?? 0
                    offset = sign * (hours * 3600 + minutes * 60)
                }
                // A zone name after the offset (`+0100 CET`, `UTC`) adds nothing.
                while skip(" ") {}
                let rest = String(String.UnicodeScalarView(scalars[index...]))
                if offset == nil, ["UTC", "GMT"].contains(rest) { offset = 0 }
                guard rest.isEmpty || rest.allSatisfy({ $0.isLetter }) else { return nil }
            }
        }
        var check = ISODateTime(year: year, month: month, day: day)
        (check.hour, check.minute, check.second) = time ?? (0, 0, 0)
        guard check.impossibility == nil else { return nil }
    }

    /// `2019-03-04`, or `2019-03-04T10:00:00+01:00` when a time was given.
    var iso: String {
        var text = Self.pad(year, 4) + "-" + Self.pad(month, 2) + "-" + Self.pad(day, 2)
        guard let time else { return text }
        text += "T" + Self.pad(time.hour, 2) + ":" + Self.pad(time.minute, 2) + ":" + Self.pad(time.second, 2)
        if let offset {
            if offset == 0 { return text + "Z" }
            let minutes = abs(offset) / 60
            text += (offset < 0 ? "-" : "+") + Self.pad(minutes / 60, 2) + ":" + Self.pad(minutes % 60, 2)
        }
        return text
    }

    /// The day as the old generator put it in a URL: Jekyll converts to the
    /// site's zone, Hugo keeps the offset the author wrote.
    func civilDay(in timezone: TimeZone, keepingOffset: Bool) -> (year: Int, month: Int, day: Int) {
        guard let time, let offset, !keepingOffset else { return (year, month, day) }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: offset)!
        guard
            let date = calendar.date(
                from: DateComponents(year: year, month: month, day: day, hour: time.hour, minute: time.minute, second: time.second))
        else {
            return (year, month, day)
        }
        calendar.timeZone = timezone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return (parts.year ?? year, parts.month ?? month, parts.day ?? day)
    }

    static func pad(_ number: Int, _ width: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
