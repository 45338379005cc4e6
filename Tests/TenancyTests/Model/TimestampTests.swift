import Testing
@testable import TenancyCore

/// Timestamps: exactly `YYYY-MM-DDTHH:MM:SSZ`, every real date of years 0000 to 9999.
struct TimestampTests {
    @Test(arguments: [
        ("1970-01-01T00:00:00Z", 0),
        ("1969-12-31T23:59:59Z", -1),
        ("2026-11-21T09:30:00Z", 1_795_253_400),
        ("2000-02-29T00:00:00Z", 951_782_400),
        ("2038-01-19T03:14:08Z", 2_147_483_648),
        ("9999-12-31T23:59:59Z", 253_402_300_799),
        ("0000-01-01T00:00:00Z", -62_167_219_200),
    ] as [(String, Int64)])
    func parsesToSecondsSinceTheEpochAndPrintsTheSame(_ text: String, _ seconds: Int64) throws {
        let timestamp = try #require(Timestamp(text))
        #expect(timestamp.seconds == seconds)
        #expect(Timestamp(seconds: seconds).description == text)
    }

    /// Every second of the years the format writes prints as text that parses back to it;
    /// a later one (which no file holds) still prints, with more digits.
    @Test func everyTimePrintsAsTextThatParsesBack() {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<10_000 {
            let seconds = Int64.random(in: -62_167_219_200...253_402_300_799, using: &random)
            #expect(Timestamp(Timestamp(seconds: seconds).description)?.seconds == seconds, "\(seconds)")
        }
        #expect(Timestamp(seconds: 253_402_300_800).description == "10000-01-01T00:00:00Z")
    }

    /// February 29th exists in years divisible by 4, except centuries not divisible by 400.
    @Test(arguments: [("2024", true), ("2023", false), ("2000", true), ("1900", false), ("2100", false), ("0000", true), ("9996", true)])
    func leapDaysExistInLeapYearsOnly(_ year: String, _ leap: Bool) {
        #expect((Timestamp("\(year)-02-29T12:00:00Z") != nil) == leap)
        #expect(Timestamp("\(year)-02-28T12:00:00Z") != nil)
        #expect(Timestamp("\(year)-02-30T12:00:00Z") == nil)
    }

    @Test(arguments: [
        "2026-04-31T00:00:00Z", "2026-06-31T00:00:00Z", "2026-09-31T00:00:00Z", "2026-11-31T00:00:00Z",
        "2026-00-10T00:00:00Z", "2026-13-01T00:00:00Z", "2026-01-00T00:00:00Z", "2026-01-32T00:00:00Z",
        "2026-01-01T24:00:00Z", "2026-01-01T00:60:00Z", "2026-12-31T23:59:60Z",
    ])
    func aDateOrTimeThatDoesNotExistIsRefused(_ text: String) {
        #expect(Timestamp(text) == nil)
    }

    @Test(arguments: [
        "", "2026-11-21", "2026-11-21T09:30:00", "2026-11-21t09:30:00Z", "2026-11-21T09:30:00z",
        "2026-11-21 09:30:00Z", "2026-11-21T09:30:00.5Z", "2026-11-21T09:30:00+00:00", "2026-11-21T09:30Z",
        "+2026-11-21T09:30:00Z", "12026-11-21T09:30:00Z", "2026-1-21T09:30:00Z", "２026-11-21T09:30:00Z",
        "2026-11-21T09:30:00Z ", "-026-11-21T09:30:00Z",
    ])
    func anyOtherFormIsRefused(_ text: String) {
        #expect(Timestamp(text) == nil)
    }

    @Test func everyDayOfFourHundredYearsRoundTrips() {
        // One Gregorian cycle, around the epoch: each day's midnight prints and parses back.
        var day = Timestamp("1900-01-01T00:00:00Z")!
        let end = Timestamp("2300-01-01T00:00:00Z")!
        var days = 0
        while day < end {
            #expect(Timestamp(day.description) == day, "\(day)")
            day = day.adding(days: 1)
            days += 1
        }
        #expect(days == 146_097)
    }

    @Test func timestampsOrderByTimeAndAddDays() {
        let start = Timestamp("2026-12-31T23:00:00Z")!
        #expect(start.adding(days: 1).description == "2027-01-01T23:00:00Z")
        #expect(start.adding(days: -365).description == "2025-12-31T23:00:00Z")
        #expect(Timestamp("2024-02-28T00:00:00Z")!.adding(days: 1).description == "2024-02-29T00:00:00Z")
        #expect(start < start.adding(days: 1))
        #expect(!(start < start))
        #expect(Timestamp.latest.description == "9999-12-31T23:59:59Z")
    }
}
