import Foundation
import QuireDiagnostics
import Testing

@Suite struct ISODateTimeTests {
    @Test(arguments: [
        ("2024-02-31", "February 2024 has 29 days"),
        ("2023-02-29", "February 2023 has 28 days"),
        ("1900-02-29", "February 1900 has 28 days"),
        ("2024-04-31T10:00:00Z", "April 2024 has 30 days"),
        ("2024-13-01", "there is no month 13"),
        ("2024-00-10", "there is no month 0"),
        ("2024-01-00", "there is no day 0"),
        ("2024-01-01T24:00", "there is no hour 24"),
        ("2024-01-01 12:60", "there is no minute 60"),
        ("2024-01-01T12:00:61", "there is no second 61"),
        ("2024-01-01T12:00:00+25:00", "there is no offset +25:00"),
    ])
    func impossibleDatesSayWhy(text: String, reason: String) {
        #expect(ISODateTime.read(text) == .impossible(reason))
        #expect(ISODateTime.parse(text) == nil)
    }

    @Test(arguments: [
        "", "yesterday", "24-01-01", "2024-1-01", "2024-01-01T", "2024-01-01Tx", "2024-01-01T10", "2024-01-01T10:00:00.",
        "2024-01-01T10:00+01", "2024-01-01 10:00 CET", "2024/01/01", "2024-01-01T10:00:00Z junk",
    ])
    func malformedTextIsNotADate(text: String) {
        #expect(ISODateTime.read(text) == .malformed)
    }

    /// Which (year, month, day) exist, against Python's `datetime.date`
    /// (proleptic Gregorian), over leap and non-leap years and centuries.
    @Test func daysExistExactlyWhenPythonSaysSo() throws {
        let years = [1, 1600, 1700, 1900, 2000, 2023, 2024, 2100, 9999]
        let script = """
            import datetime, json
            out = []
            for y in \(years):
                for m in range(0, 14):
                    for d in range(0, 33):
                        try:
                            datetime.date(y, m, d); out.append(1)
                        except ValueError:
                            out.append(0)
            print(json.dumps(out))
            """
        let oracle = try runPython(script) as? [Int] ?? []
        var index = 0
        for year in years {
            for month in 0..<14 {
                for day in 0..<33 {
                    let text = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
                    #expect((ISODateTime.parse(text) != nil) == (oracle[index] == 1), "\(text)")
                    index += 1
                }
            }
        }
        #expect(index == oracle.count)
    }

    /// Seconds since 1970 against Python's `datetime.fromisoformat(...).timestamp()`
    /// (text without a zone is given UTC there, as data columns are read).
    @Test func instantsAgreeWithPython() throws {
        let texts = [
            "1970-01-02", "2000-03-01T00:00:00Z", "2000-03-01 01:00:00+01:00", "2000-03-01T00:00:00.5Z",
            "2024-02-29T23:59:59-05:30", "1969-12-31T23:00", "1583-01-01", "2026-11-21 14:05:00+0200", "2024-06-30T23:59:60Z",
        ]
        let script = """
            import datetime, json, sys
            out = []
            for t in sys.argv[1:]:
                leap = ':60' in t
                d = datetime.datetime.fromisoformat(t.replace(':60', ':59'))
                if d.tzinfo is None: d = d.replace(tzinfo=datetime.timezone.utc)
                out.append(d.timestamp() + (1 if leap else 0))
            print(json.dumps(out))
            """
        let oracle = try runPython(script, arguments: texts) as? [Double] ?? []
        #expect(oracle.count == texts.count)
        for (text, expected) in zip(texts, oracle) {
            #expect(ISODateTime.parse(text)?.secondsSince1970() == expected, "\(text)")
        }
    }

    @Test func aMissingZoneTakesTheReadersOffset() throws {
        let date = try #require(ISODateTime.parse("2026-01-01"))
        #expect(date.offset == nil)
        #expect(!date.hasTime)
        // 2026-01-01 00:00 in UTC+01:00 is 2025-12-31T23:00Z = 1_767_222_000 (as ContentTests worked out for Berlin).
        #expect(date.secondsSince1970(defaultOffset: 3600) == 1_767_222_000)
        #expect(ISODateTime.parse("  2026-01-01T00:00:00 Z ")?.offset == 0)
    }

    private func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    private func runPython(_ script: String, arguments: [String] = []) throws -> Any {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "python3 failed: install it with scripts/install-deps --test")
        return try JSONSerialization.jsonObject(with: data)
    }
}
