/// Proleptic Gregorian dates as whole days since 1970-01-01, by arithmetic:
/// no Calendar, so it is fast and reads the same on every machine. Counted in
/// 400-year eras of 146,097 days from 0000-03-01, so leap days fall last.
/// Post dates (QuireContent) and time axes (QuireCharts) both use it.
package enum CivilDays {
    /// Days from 0000-03-01 to 1970-01-01.
    static let epochShift = 719_468

    package static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthFromMarch = (month + 9) % 12
        let dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - epochShift
    }

    public static func date(days: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = days + epochShift
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
