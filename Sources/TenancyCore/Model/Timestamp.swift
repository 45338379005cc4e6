import Glibc

/// An RFC 3339 UTC timestamp with second precision: `2026-11-21T09:30:00Z`.
public struct Timestamp: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public var seconds: Int64

    public init(seconds: Int64) { self.seconds = seconds }

    /// Parses exactly `YYYY-MM-DDTHH:MM:SSZ`; nil for anything else.
    public init?(_ text: String) {
        guard let seconds = withUTF8(text, Timestamp.seconds) else { return nil }
        self.seconds = seconds
    }

    /// Seconds since the epoch of `YYYY-MM-DDTHH:MM:SSZ`, or nil.
    private static func seconds(_ b: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard b.count == 20, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54, b[13] == 0x3A,
            b[16] == 0x3A, b[19] == 0x5A
        else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                guard (0x30...0x39).contains(b[i]) else { return nil }
                value = value * 10 + Int(b[i] - 0x30)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
            (1...12).contains(month), day >= 1, day <= Timestamp.daysIn(month: month, year: year),
            hour < 24, minute < 60, second < 60
        else { return nil }
        let days = Timestamp.daysFromCivil(year: year, month: month, day: day)
        return Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.seconds < b.seconds }

    public var description: String {
        let days = Int(seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
        let rest = Int(seconds - Int64(days) * 86_400)
        let (y, m, d) = Timestamp.civil(fromDays: days)
        guard (0...9999).contains(y) else { return Self.text(y, m, d, rest) }
        // The digits into one buffer, not a string per field: an export writes hundreds
        // of thousands of timestamps.
        return String(unsafeUninitializedCapacity: 20) { text in
            func digits(_ number: Int, _ count: Int, at start: Int) {
                var number = number
                for index in (start..<start + count).reversed() {
                    text[index] = UInt8(ascii: "0") + UInt8(number % 10)
                    number /= 10
                }
            }
            digits(y, 4, at: 0)
            text[4] = UInt8(ascii: "-")
            digits(m, 2, at: 5)
            text[7] = UInt8(ascii: "-")
            digits(d, 2, at: 8)
            text[10] = UInt8(ascii: "T")
            digits(rest / 3600, 2, at: 11)
            text[13] = UInt8(ascii: ":")
            digits(rest / 60 % 60, 2, at: 14)
            text[16] = UInt8(ascii: ":")
            digits(rest % 60, 2, at: 17)
            text[19] = UInt8(ascii: "Z")
            return 20
        }
    }

    /// `description` of a year outside 0000-9999, which no file holds.
    private static func text(_ y: Int, _ m: Int, _ d: Int, _ rest: Int) -> String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let year = String(repeating: "0", count: max(0, 4 - String(y).count)) + String(y)
        return "\(year)-\(two(m))-\(two(d))T\(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60))Z"
    }

    public func adding(days: Int) -> Timestamp { Timestamp(seconds: seconds + Int64(days) * 86_400) }

    /// The latest time the format can write (four-digit years): 9999-12-31T23:59:59Z.
    public static let latest = Timestamp(seconds: 253_402_300_799)

    /// "Now", from `SOURCE_DATE_EPOCH` when set and not empty, for reproducible output
    /// and tests; nil when that is not a whole number of seconds from 0 to `latest`
    /// (a time the format cannot write, or one that arithmetic on it would overflow).
    public static func now(environment: [String: String]) -> Timestamp? {
        if let text = environment["SOURCE_DATE_EPOCH"], !text.isEmpty {
            guard let value = Int64(text), (0...latest.seconds).contains(value) else { return nil }
            return Timestamp(seconds: value)
        }
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Timestamp(seconds: Int64(spec.tv_sec))
    }

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Howard Hinnant's days_from_civil / civil_from_days.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
