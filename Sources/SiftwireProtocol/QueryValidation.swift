/// Checks shared by the query service (which refuses) and the index (which must interpret the
/// same fields): calendar dates, entity type names, paging.
public enum QueryValidation {
    /// `YYYY-MM-DD`, checked against the calendar (2026-02-31 is refused).
    public static func isCalendarDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month) else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return (1...days).contains(day)
    }

    /// `dateFrom` / `dateTo`: each a calendar date when present, and not in the wrong order.
    public static func dateRange(from: String?, to: String?) throws(SiftwireError) {
        for (field, value) in [("dateFrom", from), ("dateTo", to)] {
            if let value, !isCalendarDate(value) {
                throw SiftwireError(.invalidArgument, "\(field) '\(value)' is not a calendar date YYYY-MM-DD")
            }
        }
        if let from, let to, from > to {
            throw SiftwireError(.invalidArgument, "dateFrom \(from) is after dateTo \(to)")
        }
    }

    /// An entity type name (`PERSON`, `ORG`, `LOCATION`, `NORP`; case-insensitive).
    public static func entityType(_ name: String?, field: String = "entityType") throws(SiftwireError) -> EntityType? {
        guard let name else { return nil }
        guard let type = EntityType(rawValue: name.uppercased()) else {
            let known = EntityType.allCases.map(\.rawValue).joined(separator: ", ")
            throw SiftwireError(.invalidArgument, "\(field) '\(name)' is not one of \(known)")
        }
        return type
    }

    /// `limit ≥ 1` and `offset ≥ 0`. Offsets beyond the end are fine: they give an empty page.
    public static func paging(limit: Int, offset: Int) throws(SiftwireError) {
        guard limit >= 1 else { throw SiftwireError(.invalidArgument, "limit must be at least 1, got \(limit)") }
        guard offset >= 0 else { throw SiftwireError(.invalidArgument, "offset must be at least 0, got \(offset)") }
    }

    /// An integer field within a range.
    public static func range(_ field: String, _ value: Int, _ allowed: ClosedRange<Int>) throws(SiftwireError) {
        guard allowed.contains(value) else {
            throw SiftwireError(.invalidArgument, "\(field) must be \(allowed.lowerBound)…\(allowed.upperBound), got \(value)")
        }
    }
}
