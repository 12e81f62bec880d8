/// The one reader of ISO 8601 dates, for front matter, data columns on time
/// axes, chart annotations and imported posts: `2024-05-01`,
/// `2024-05-01T12:30`, `2024-05-01 12:30:00.5`, each optionally followed by
/// `Z` or an offset `+02:00` / `+0200`. Text of that shape naming a day the
/// calendar does not have (2024-02-31, month 13, 25:00) is `.impossible` with
/// the reason, so callers report it instead of rolling it over or dropping it.
public struct ISODateTime: Sendable, Equatable {
    public var year: Int, month: Int, day: Int
    package var hour = 0, minute = 0, second = 0
    package var fraction = 0.0
    /// Seconds east of UTC; nil when the text gave no zone, so the reader's
    /// own zone applies (the site's for posts, UTC for data).
    public var offset: Int?
    /// True when the text gave a time of day.
    package var hasTime = false

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    public enum Reading: Sendable, Equatable {
        case valid(ISODateTime)
        /// Shaped like a date but not one: the reason says why ("February 2024 has 29 days").
        case impossible(String)
        case malformed
    }

    /// The date, or nil for malformed and impossible text alike.
    public static func parse(_ text: some StringProtocol) -> ISODateTime? {
        if case .valid(let date) = read(text) { return date }
        return nil
    }

    public static func read(_ text: some StringProtocol) -> Reading {
        // Hand-parsed over bytes: a Regex here dominated reading a thousand posts.
        var bytes = Array(text.utf8)
        while let last = bytes.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { bytes.removeLast() }
        var scanner = ByteScanner(bytes)
        scanner.skipSpaces()
        guard let year = scanner.number(digits: 4), scanner.skip(UInt8(ascii: "-")), let month = scanner.number(digits: 2),
            scanner.skip(UInt8(ascii: "-")), let day = scanner.number(digits: 2)
        else { return .malformed }
        var date = ISODateTime(year: year, month: month, day: day)
        if scanner.skip(UInt8(ascii: "T")) || scanner.skip(UInt8(ascii: " ")) {
            guard let hour = scanner.number(digits: 2), scanner.skip(UInt8(ascii: ":")), let minute = scanner.number(digits: 2) else {
                return .malformed
            }
            (date.hour, date.minute, date.hasTime) = (hour, minute, true)
            if scanner.skip(UInt8(ascii: ":")) {
                guard let second = scanner.number(digits: 2) else { return .malformed }
                date.second = second
                if scanner.skip(UInt8(ascii: ".")) {
                    guard let fraction = scanner.fraction() else { return .malformed }
                    date.fraction = fraction
                }
            }
            scanner.skipSpaces()
        }
        if scanner.skip(UInt8(ascii: "Z")) {
            date.offset = 0
        } else if let sign = scanner.sign() {
            guard let hours = scanner.number(digits: 2) else { return .malformed }
            _ = scanner.skip(UInt8(ascii: ":"))
            guard let minutes = scanner.number(digits: 2) else { return .malformed }
            guard hours < 24, minutes < 60 else {
                return .impossible("there is no offset \(sign < 0 ? "-" : "+")\(pad(hours)):\(pad(minutes))")
            }
            date.offset = sign * (hours * 3600 + minutes * 60)
        }
        guard scanner.atEnd else { return .malformed }
        if let reason = date.impossibility { return .impossible(reason) }
        return .valid(date)
    }

    /// Why the fields name no real moment, or nil when they do; for readers
    /// of looser forms (an importer's `2019-3-4`) to hold to the same calendar.
    package var impossibility: String? {
        guard (1...12).contains(month) else { return "there is no month \(month)" }
        let length = Self.daysIn(month: month, year: year)
        guard (1...length).contains(day) else {
            return day == 0 ? "there is no day 0" : "\(Self.monthNames[month - 1]) \(year) has \(length) days"
        }
        guard hour < 24 else { return "there is no hour \(hour)" }
        guard minute < 60 else { return "there is no minute \(minute)" }
        // 60 stays allowed: a leap second.
        guard second <= 60 else { return "there is no second \(second)" }
        return nil
    }

    /// Seconds since 1970-01-01T00:00:00Z, with `defaultOffset` (seconds east
    /// of UTC) standing in when the text gave no zone.
    package func secondsSince1970(defaultOffset: Int = 0) -> Double {
        let days = CivilDays.days(year: year, month: month, day: day)
        let local = Double(days * 86_400 + hour * 3600 + minute * 60 + second)
        return local - Double(offset ?? defaultOffset) + fraction
    }

    /// Proleptic Gregorian: every fourth year, but not centuries unless divisible by 400.
    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    ]

    static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}

private struct ByteScanner {
    let bytes: [UInt8]
    var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { position == bytes.count }

    mutating func skip(_ byte: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    mutating func skipSpaces() {
        while skip(UInt8(ascii: " ")) || skip(UInt8(ascii: "\t")) {}
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

    /// The digits after a decimal point, as a fraction; nil when there are none.
    mutating func fraction() -> Double? {
        let start = position
        while position < bytes.count, bytes[position] >= 48, bytes[position] <= 57 { position += 1 }
        guard position > start else { return nil }
        return Double("0." + String(decoding: bytes[start..<position], as: UTF8.self))
    }

    mutating func sign() -> Int? {
        if skip(UInt8(ascii: "+")) { return 1 }
        if skip(UInt8(ascii: "-")) { return -1 }
        return nil
    }
}
