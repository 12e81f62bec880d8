import Testing

@testable import QuireCharts

/// Nice ticks follow the 1-2-5 rule. Expected sequences are the ones d3-array's
/// `ticks(start, stop, count)` returns (its own test suite lists them), e.g.
/// d3.ticks(0, 1, 10) → 0, 0.1, …, 1 and d3.ticks(0, 1, 3) → 0, 0.5, 1.
@Suite struct NiceTickTests {
    @Test func unitIntervalAtEveryCount() {
        let tenths = (0...10).map { Double($0) / 10 }
        let fifths = (0...5).map { Double($0) / 5 }
        #expect(NiceTicks.ticks(0, 1, count: 10) == tenths)
        #expect(NiceTicks.ticks(0, 1, count: 9) == tenths)
        #expect(NiceTicks.ticks(0, 1, count: 8) == tenths)
        #expect(NiceTicks.ticks(0, 1, count: 7) == fifths)
        #expect(NiceTicks.ticks(0, 1, count: 6) == fifths)
        #expect(NiceTicks.ticks(0, 1, count: 5) == fifths)
        #expect(NiceTicks.ticks(0, 1, count: 4) == fifths)
        #expect(NiceTicks.ticks(0, 1, count: 3) == [0, 0.5, 1])
        #expect(NiceTicks.ticks(0, 1, count: 2) == [0, 0.5, 1])
        #expect(NiceTicks.ticks(0, 1, count: 1) == [0, 1])
    }

    @Test func otherSpans() {
        #expect(NiceTicks.ticks(0, 10, count: 10) == [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
        #expect(NiceTicks.ticks(-10, 10, count: 10) == [-10, -8, -6, -4, -2, 0, 2, 4, 6, 8, 10])
        #expect(NiceTicks.ticks(-10, 10, count: 5) == [-10, -5, 0, 5, 10])
        #expect(NiceTicks.ticks(-10, 10, count: 2) == [-10, 0, 10])
        #expect(NiceTicks.ticks(0, 50_000, count: 5) == [0, 10_000, 20_000, 30_000, 40_000, 50_000])
        #expect(NiceTicks.ticks(1, 0, count: 3) == [1, 0.5, 0])
        #expect(NiceTicks.ticks(0.12, 3.4, count: 6) == [0.5, 1, 1.5, 2, 2.5, 3])
        #expect(NiceTicks.ticks(0.00013, 0.00047, count: 4) == [0.0002, 0.0003, 0.0004])
        #expect(NiceTicks.ticks(1, 1, count: 5) == [1])
        #expect(NiceTicks.ticks(0, .infinity, count: 5).isEmpty)
        #expect(NiceTicks.ticks(0, 1, count: 0).isEmpty)
    }

    @Test func niceWidensToWholeSteps() {
        #expect(NiceTicks.nice(0.12, 3.4, count: 6) == (0, 3.5))
        #expect(NiceTicks.nice(1.1, 10.9, count: 10) == (1, 11))
        #expect(NiceTicks.nice(-3.7, 48_213, count: 5) == (-10_000, 50_000))
        #expect(NiceTicks.nice(5, 5, count: 5) == (4.4, 5.6))
    }

    @Test func logTicksArePowersWithTwoAndFiveBetweenFewDecades() {
        #expect(LogTicks.ticks(1, 100, count: 5) == [1, 2, 5, 10, 20, 50, 100])
        #expect(LogTicks.ticks(1e-4, 1e4, count: 9) == [1e-4, 1e-3, 1e-2, 0.1, 1, 10, 100, 1000, 10_000])
        #expect(LogTicks.label(1e-4) == "1e-4")
        #expect(LogTicks.label(0.02) == "0.02")
        #expect(LogTicks.label(100_000) == "100k")
    }

    @Test func timeTicksLandOnCalendarBoundaries() throws {
        let start = try #require(CivilTime.parse("2024-01-15"))
        let end = try #require(CivilTime.parse("2024-12-20"))
        let ticks = TimeTicks.ticks(start, end, count: 5)
        #expect(ticks.map(\.label) == ["Apr 2024", "Jul", "Oct"])
        #expect(ticks.first?.value == CivilTime.parse("2024-04-01T00:00:00Z"))
        let hours = TimeTicks.ticks(
            try #require(CivilTime.parse("2024-03-01T10:10:00Z")), try #require(CivilTime.parse("2024-03-01T13:50:00Z")), count: 4)
        #expect(hours.map(\.label) == ["11:00", "12:00", "13:00"])
        let years = TimeTicks.ticks(try #require(CivilTime.parse("2001-06-01")), try #require(CivilTime.parse("2024-06-01")), count: 5)
        #expect(years.map(\.label) == ["2005", "2010", "2015", "2020"])
    }

    @Test func civilTimeParsesISO8601AndRejectsJunk() {
        #expect(CivilTime.parse("1970-01-02") == 86_400)
        #expect(CivilTime.parse("2000-03-01T00:00:00Z") == 951_868_800)
        #expect(CivilTime.parse("2000-03-01 01:00:00+01:00") == 951_868_800)
        #expect(CivilTime.parse("2000-03-01T00:00:00.5Z") == 951_868_800.5)
        #expect(CivilTime.parse("2000-13-01") == nil)
        #expect(CivilTime.parse("yesterday") == nil)
        #expect(CivilTime.parse("2000-03-01T25:00") == nil)
        #expect(CivilTime.parse("2000-03-01Tgarbage") == nil)
    }
}

/// Tick labels when the chart gives no format, worked out by hand: `20k`
/// from ten thousand up, `2e-4` when all are tiny, else the step's decimals.
/// Specifiers the author gives are checked against d3-scale in AxisFormatTests.
@Suite struct AutomaticTickLabelTests {
    @Test func automaticTickLabelsReadWell() {
        func labels(_ ticks: [Double], step: Double) -> [String] {
            TickFormat.labels(ticks, step: step, domain: (ticks.first ?? 0, ticks.last ?? 0), format: nil)
        }
        #expect(labels([0, 10_000, 20_000], step: 10_000) == ["0", "10k", "20k"])
        #expect(labels([10_000, 12_500, 15_000], step: 2500) == ["10k", "12.5k", "15k"])
        #expect(labels([1_000_000, 1_200_000], step: 200_000) == ["1M", "1.2M"])
        #expect(labels([0.0002, 0.0004], step: 0.0002) == ["2e-4", "4e-4"])
        #expect(labels([0, 0.0002, 0.0004], step: 0.0002) == ["0", "2e-4", "4e-4"], "zero has no exponent")
        #expect(labels([0, 0.5, 1], step: 0.5) == ["0.0", "0.5", "1.0"])
        #expect(labels([-2, 0, 2], step: 2) == ["−2", "0", "2"])
        #expect(labels([-20_000, 0, 20_000], step: 20_000) == ["−20k", "0", "20k"])
    }
}
