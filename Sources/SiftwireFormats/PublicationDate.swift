/// Publication dates in the forms real inputs use, normalised to one sortable form:
/// `YYYY-MM-DD` when only a date is known, `YYYY-MM-DDTHH:MM:SSZ` (UTC) when a time is.
///
/// Understood: ISO 8601 (`2016-07-05`, `2016-07-05T10:30:00+03:00`, `2016-07-05 10:30`, fractions of
/// a second, `Z`/`±HH:MM`/`±HHMM`), RFC 822/1123 as in RSS (`Tue, 05 Jul 2016 10:30:00 GMT`, two-digit
/// years, `EST`…`PDT`), `M/D/YYYY` as in FA-KES (a first number over 12 is read as a day:
/// `D/M/YYYY`), `YYYY/MM/DD`, and written dates (`5 July 2016`, `July 5, 2016`, `Tuesday 5th July 2016`,
/// `Jul. 5 2016 10:30 AM`). A date-time without a zone is taken as UTC. Anything else is nil: callers
/// decide whether that is an error (structured records) or just an unknown date (pages, feeds).
public enum PublicationDate {
    public static func normalize(_ raw: String) -> String? {
        let s = raw.trimmingWhitespace()
        guard !s.isEmpty, s.utf8.count <= 100 else { return nil }
        let bytes = Array(s.utf8)
        if let v = iso(bytes) ?? slashed(bytes) ?? written(s) { return v.formatted }
        return nil
    }

    /// A parsed date and optional time, before normalisation.
    struct Value {
        var year: Int, month: Int, day: Int
        var time: (hour: Int, minute: Int, second: Int)?
        var offsetMinutes = 0

        var formatted: String? {
            guard (1000...9999).contains(year), (1...12).contains(month),
                  day >= 1, day <= Value.daysIn(month, year) else { return nil }
            guard let time else { return "\(pad(year, 4))-\(pad(month))-\(pad(day))" }
            guard (0...24).contains(time.hour), (0...59).contains(time.minute), (0...60).contains(time.second) else { return nil }
            // To UTC: whole seconds from the epoch, minus the zone's offset.
            let days = Value.daysFromCivil(year, month, day)
            var secs = days * 86_400 + time.hour * 3_600 + time.minute * 60 + min(time.second, 59) - offsetMinutes * 60
            let d = Int((Double(secs) / 86_400).rounded(.down))
            secs -= d * 86_400
            let (y, m, dd) = Value.civilFromDays(d)
            return "\(pad(y, 4))-\(pad(m))-\(pad(dd))T\(pad(secs / 3_600)):\(pad(secs % 3_600 / 60)):\(pad(secs % 60))Z"
        }

        static func daysIn(_ month: Int, _ year: Int) -> Int {
            switch month {
            case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
            case 4, 6, 9, 11: 30
            default: 31
            }
        }

        /// Days since 1970-01-01 of a proleptic Gregorian date.
        static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
            let y = month <= 2 ? year - 1 : year
            let era = (y >= 0 ? y : y - 399) / 400
            let yearOfEra = y - era * 400
            let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
            let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
            return era * 146_097 + dayOfEra - 719_468
        }

        static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
            let z = days + 719_468
            let era = (z >= 0 ? z : z - 146_096) / 146_097
            let dayOfEra = z - era * 146_097
            let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
            let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
            let mp = (5 * dayOfYear + 2) / 153
            let day = dayOfYear - (153 * mp + 2) / 5 + 1
            let month = mp < 10 ? mp + 3 : mp - 9
            return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
        }
    }

    // MARK: ISO 8601

    static func iso(_ b: [UInt8]) -> Value? {
        var i = 0
        guard let year = digits(b, &i, exactly: 4), take(b, &i, "-"),
              let month = digits(b, &i, exactly: 2), take(b, &i, "-"),
              let day = digits(b, &i, exactly: 2) else { return nil }
        var value = Value(year: year, month: month, day: day)
        if i == b.count { return value }
        guard b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: "t") || b[i] == UInt8(ascii: " ") else { return nil }
        i += 1
        guard let time = clock(b, &i) else { return nil }
        value.time = time
        while i < b.count, b[i] == UInt8(ascii: " ") { i += 1 }
        if i == b.count { return value }
        guard let offset = zone(b, &i), i == b.count else { return nil }
        value.offsetMinutes = offset
        return value
    }

    /// `HH:MM[:SS[.fff]]`.
    static func clock(_ b: [UInt8], _ i: inout Int) -> (hour: Int, minute: Int, second: Int)? {
        guard let hour = digits(b, &i, min: 1, max: 2), take(b, &i, ":"), let minute = digits(b, &i, exactly: 2) else { return nil }
        var second = 0
        if take(b, &i, ":") {
            guard let s = digits(b, &i, exactly: 2) else { return nil }
            second = s
            if i < b.count, b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ",") {
                i += 1
                guard digits(b, &i, min: 1, max: 9) != nil else { return nil }
            }
        }
        return (hour, minute, second)
    }

    /// `Z`, `±HH`, `±HH:MM`, `±HHMM`, or a zone name; returns minutes east of UTC.
    static func zone(_ b: [UInt8], _ i: inout Int) -> Int? {
        guard i < b.count else { return nil }
        if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
            let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
            i += 1
            guard let value = digits(b, &i, min: 2, max: 4) else { return nil }
            var hours = value, minutes = 0
            if value >= 100 {  // ±HHMM
                hours = value / 100
                minutes = value % 100
            } else if take(b, &i, ":") {
                guard let m = digits(b, &i, exactly: 2) else { return nil }
                minutes = m
            }
            guard hours <= 14, minutes < 60 else { return nil }
            return sign * (hours * 60 + minutes)
        }
        var j = i
        while j < b.count, (b[j] | 0x20) >= UInt8(ascii: "a"), (b[j] | 0x20) <= UInt8(ascii: "z") { j += 1 }
        guard j > i, let offset = namedZones[String(decoding: b[i..<j], as: UTF8.self).uppercased()] else { return nil }
        i = j
        return offset
    }

    static let namedZones: [String: Int] = [
        "Z": 0, "UT": 0, "UTC": 0, "GMT": 0,
        "EST": -300, "EDT": -240, "CST": -360, "CDT": -300, "MST": -420, "MDT": -360, "PST": -480, "PDT": -420,
        "CET": 60, "CEST": 120, "EET": 120, "EEST": 180, "BST": 60,
    ]

    // MARK: M/D/YYYY and YYYY/MM/DD

    static func slashed(_ b: [UInt8]) -> Value? {
        var i = 0
        guard let first = digits(b, &i, min: 1, max: 4), take(b, &i, "/"),
              let second = digits(b, &i, min: 1, max: 2), take(b, &i, "/"),
              let third = digits(b, &i, min: 2, max: 4) else { return nil }
        var value: Value
        if first >= 1000 {
            value = Value(year: first, month: second, day: third)
        } else {
            let year = third < 100 ? (third < 50 ? 2000 + third : 1900 + third) : third
            value = first > 12 && second <= 12
                ? Value(year: year, month: second, day: first)
                : Value(year: year, month: first, day: second)
        }
        if i == b.count { return value }
        guard b[i] == UInt8(ascii: " ") else { return nil }
        let rest = String(decoding: b[i...], as: UTF8.self)
        guard let time = writtenTime(rest) else { return nil }
        value.time = time.clock
        value.offsetMinutes = time.offset
        return value
    }

    // MARK: Written dates and RFC 822

    static let months: [String: Int] = [
        "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
        "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
        "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
        "dec": 12, "december": 12,
    ]
    static let ignorable: Set<String> = [
        "mon", "monday", "tue", "tues", "tuesday", "wed", "wednesday", "thu", "thur", "thurs", "thursday",
        "fri", "friday", "sat", "saturday", "sun", "sunday", "on", "at", "of", "the", "published", "updated",
        "posted", "last", "modified",
    ]

    /// Words, numbers, a clock and a zone, in any of the usual orders.
    static func written(_ s: String) -> Value? {
        var month: Int?
        var numbers: [(value: Int, width: Int)] = []
        var clockPart: (hour: Int, minute: Int, second: Int)?
        var offset = 0
        var meridiem: String?
        for rawToken in s.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" || $0 == "\n" }) {
            var token = Array(rawToken.utf8)
            if token.last == UInt8(ascii: ".") { token.removeLast() }
            guard !token.isEmpty else { continue }
            let first = token[0]
            if first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") {
                var i = 0
                if token.contains(UInt8(ascii: ":")) {
                    guard clockPart == nil, let c = clock(token, &i) else { return nil }
                    clockPart = c
                    if i < token.count {  // "10:30GMT", "10:30+0300", "10:30am"
                        let tail = String(decoding: token[i...], as: UTF8.self).lowercased()
                        if tail == "am" || tail == "pm" { meridiem = tail; continue }
                        guard let o = zone(token, &i), i == token.count else { return nil }
                        offset = o
                    }
                    continue
                }
                guard let n = digits(token, &i, min: 1, max: 4) else { return nil }
                let width = i
                if i < token.count {  // ordinals: 5th, 1st, 22nd, 3rd
                    let suffix = String(decoding: token[i...], as: UTF8.self).lowercased()
                    guard ["st", "nd", "rd", "th"].contains(suffix) else { return nil }
                }
                numbers.append((n, width))
            } else if first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
                var i = 0
                guard let o = zone(token, &i), i == token.count else { return nil }
                offset = o
            } else {
                let word = String(decoding: token, as: UTF8.self).lowercased()
                if let m = months[word] {
                    guard month == nil else { return nil }
                    month = m
                } else if word == "am" || word == "pm" || word == "a.m" || word == "p.m" {
                    meridiem = word.hasPrefix("a") ? "am" : "pm"
                } else if let o = namedZones[word.uppercased()] {
                    offset = o
                } else if ignorable.contains(word) || word.hasSuffix(":") {
                    continue
                } else if word.count == 1 {
                    continue  // RFC 822 military zone letters: read as UTC
                } else {
                    return nil
                }
            }
        }
        guard let month, numbers.count == 2 else { return nil }
        // The year is the four-digit number, else the one that cannot be a day, else the last one.
        let yearIndex = numbers.firstIndex { $0.width >= 3 } ?? numbers.firstIndex { $0.value > 31 } ?? 1
        let day = numbers[1 - yearIndex].value
        var year = numbers[yearIndex].value
        if numbers[yearIndex].width <= 2 { year += year < 50 ? 2000 : 1900 }
        var value = Value(year: year, month: month, day: day)
        if var c = clockPart {
            if let meridiem {
                guard (1...12).contains(c.hour) else { return nil }
                c.hour = c.hour % 12 + (meridiem == "pm" ? 12 : 0)
            }
            value.time = c
            value.offsetMinutes = offset
        }
        return value
    }

    /// The time after an `M/D/YYYY` date: `10:30`, `10:30:00 PM`, `10:30 +0300`.
    static func writtenTime(_ s: String) -> (clock: (hour: Int, minute: Int, second: Int), offset: Int)? {
        guard let v = written("January 1 2000 " + s), let c = v.time else { return nil }
        return (c, v.offsetMinutes)
    }

    // MARK: Scanning

    static func digits(_ b: [UInt8], _ i: inout Int, exactly n: Int) -> Int? { digits(b, &i, min: n, max: n) }

    static func digits(_ b: [UInt8], _ i: inout Int, min: Int, max: Int) -> Int? {
        var j = i, value = 0
        while j < b.count, j - i < max, b[j] >= UInt8(ascii: "0"), b[j] <= UInt8(ascii: "9") {
            value = value * 10 + Int(b[j] - UInt8(ascii: "0"))
            j += 1
        }
        // A run longer than `max` is not this field.
        guard j - i >= min, j == b.count || !(b[j] >= UInt8(ascii: "0") && b[j] <= UInt8(ascii: "9")) else { return nil }
        i = j
        return value
    }

    static func take(_ b: [UInt8], _ i: inout Int, _ c: Unicode.Scalar) -> Bool {
        guard i < b.count, b[i] == UInt8(ascii: c) else { return false }
        i += 1
        return true
    }
}

private func pad(_ n: Int, _ width: Int = 2) -> String {
    let s = String(n)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

extension StringProtocol {
    /// The string without leading and trailing Unicode whitespace and newlines.
    func trimmingWhitespace() -> String {
        guard let start = firstIndex(where: { !$0.isWhitespace }) else { return "" }
        let end = lastIndex(where: { !$0.isWhitespace })!
        return String(self[start...end])
    }
}
