/// A plain text table with aligned columns, for terminal output.
public struct Table {
    public var headers: [String]
    public var rows: [[String]] = []

    public init(_ headers: String...) {
        self.headers = headers
    }

    public mutating func add(_ cells: String...) {
        rows.append(cells)
    }

    public mutating func add(row cells: [String]) {
        rows.append(cells)
    }

    public func render(maxColumnWidth: Int = 60) -> String {
        let clipped = ([headers] + rows).map { row in
            row.map { $0.count > maxColumnWidth ? String($0.prefix(maxColumnWidth - 1)) + "…" : $0 }
        }
        let widths = headers.indices.map { column in clipped.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
        func line(_ row: [String]) -> String {
            widths.indices.map { column in
                let cell = column < row.count ? row[column] : ""
                return cell + String(repeating: " ", count: widths[column] - cell.count)
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")
        return ([line(clipped[0]), rule] + clipped.dropFirst().map(line)).joined(separator: "\n")
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
