/// CSV as RFC 4180 writes it — a header row, fields separated by commas, quoted fields holding
/// commas, doubled quotes and line breaks, CRLF or LF line ends — read as a stream.
///
/// Tolerant where files in the wild are sloppy: a stray quote inside an unquoted field, or text
/// after a closing quote, is kept as text; blank lines are skipped; a UTF-8 byte-order mark is
/// dropped. A row with more or fewer fields than the header is one `field_count` error. A quoted
/// field still open at the end of the file (or growing past `maxRecordBytes`) is one error for its
/// row, and reading starts again on the line after that row began, so the rows behind a stray quote
/// are not lost.
public struct CSVParser: RecordParser {
    public var builder: RecordBuilder
    public let separator: UInt8
    public let maxRecordBytes: Int

    /// Lowercased, trimmed header names, once the first row is read.
    public private(set) var header: [String]?
    /// Data rows completed so far (good or bad).
    public private(set) var rowCount = 0
    public private(set) var peakBufferedBytes = 0

    enum State { case fieldStart, unquoted, quoted, quoteInQuoted, afterCR }
    var state = State.fieldStart
    var fields: [String] = []
    var field: [UInt8] = []
    /// The current record's bytes as read, for restarting after an unfinished quote.
    var raw: [UInt8] = []
    var line = 1
    var recordStartLine = 1

    public init(mapping: FieldMapping = .standard, separator: UInt8 = UInt8(ascii: ","), maxRecordBytes: Int = 16 << 20) {
        builder = RecordBuilder(mapping: mapping)
        self.separator = separator
        self.maxRecordBytes = maxRecordBytes
    }

    public mutating func consume(_ chunk: UnsafeBufferPointer<UInt8>, into results: inout [RecordResult]) {
        for byte in chunk { step(byte, &results) }
        peakBufferedBytes = max(peakBufferedBytes, raw.count)
    }

    public mutating func finish(into results: inout [RecordResult]) {
        if state == .quoted {
            restart(FormatError(.unterminatedQuote, "a quoted field opened on line \(recordStartLine) is never closed; check for a stray \" in this row", line: recordStartLine, row: rowCount + 1), &results)
            finish(into: &results)
            return
        }
        if !(fields.isEmpty && field.isEmpty && (state == .fieldStart || state == .afterCR)) {
            endRecord(&results)
        }
        if header == nil {
            results.append(RecordResult(line: 1, result: .failure(FormatError(.missingHeader, "the file is empty: a header row naming the columns is needed", line: 1))))
            header = []
        }
    }

    mutating func step(_ byte: UInt8, _ results: inout [RecordResult]) {
        raw.append(byte)
        switch state {
        case .afterCR:
            state = .fieldStart
            if byte == 0x0A { raw.removeAll(keepingCapacity: true); return }
            step(raw.removeLast(), &results)
        case .fieldStart:
            if byte == UInt8(ascii: "\"") { state = .quoted } else { unquoted(byte, &results) }
        case .unquoted:
            unquoted(byte, &results)
        case .quoted:
            if byte == UInt8(ascii: "\"") {
                state = .quoteInQuoted
            } else {
                if byte == 0x0A { line += 1 }
                field.append(byte)
                if raw.count > maxRecordBytes {
                    restart(FormatError(.tooLarge, "a quoted field opened on line \(recordStartLine) runs past \(maxRecordBytes) bytes; check for a stray \"", line: recordStartLine, row: rowCount + 1), &results)
                }
            }
        case .quoteInQuoted:
            if byte == UInt8(ascii: "\"") {
                field.append(byte)
                state = .quoted
            } else {
                unquoted(byte, &results)
            }
        }
    }

    mutating func unquoted(_ byte: UInt8, _ results: inout [RecordResult]) {
        switch byte {
        case separator:
            endField()
            state = .fieldStart
        case 0x0A:
            line += 1
            endRecord(&results)
            state = .fieldStart
        case 0x0D:
            line += 1
            endRecord(&results)
            state = .afterCR
        default:
            field.append(byte)
            state = .unquoted
            if raw.count > maxRecordBytes {
                restart(FormatError(.tooLarge, "the row starting on line \(recordStartLine) runs past \(maxRecordBytes) bytes", line: recordStartLine, row: rowCount + 1), &results)
            }
        }
    }

    mutating func endField() {
        fields.append(String(decoding: field, as: UTF8.self))
        field.removeAll(keepingCapacity: true)
    }

    mutating func endRecord(_ results: inout [RecordResult]) {
        endField()
        defer {
            fields.removeAll(keepingCapacity: true)
            raw.removeAll(keepingCapacity: true)
            recordStartLine = line
        }
        if fields.count == 1 && fields[0].allSatisfy(\.isWhitespace) { return }  // blank line
        guard let header else {
            var names = fields
            if names[0].hasPrefix("\u{FEFF}") { names[0].removeFirst() }
            header = names.map { $0.trimmingWhitespace().lowercased() }
            return
        }
        rowCount += 1
        let place = (line: recordStartLine, row: rowCount)
        guard fields.count == header.count else {
            let error = FormatError(.fieldCount, "\(fields.count) fields where the header has \(header.count)", line: place.line, row: place.row)
            results.append(RecordResult(line: place.line, row: place.row, result: .failure(error)))
            return
        }
        var named: [String: FieldValue] = [:]
        named.reserveCapacity(header.count)
        for (name, value) in zip(header, fields) where named[name] == nil {
            named[name] = .string(value)
        }
        do throws(FormatError) {
            let record = try builder.build(named)
            results.append(RecordResult(line: place.line, row: place.row, result: .success(record)))
        } catch {
            var located = error
            located.line = place.line
            located.row = place.row
            results.append(RecordResult(line: place.line, row: place.row, result: .failure(located)))
        }
    }

    /// Reports the current record as bad and reads again from the line after it began.
    mutating func restart(_ error: FormatError, _ results: inout [RecordResult]) {
        rowCount += 1
        results.append(RecordResult(line: recordStartLine, row: rowCount, result: .failure(error)))
        let tail: [UInt8]
        if let newline = raw.firstIndex(of: 0x0A) { tail = Array(raw[(newline + 1)...]) } else { tail = [] }
        fields.removeAll()
        field.removeAll()
        raw.removeAll()
        state = .fieldStart
        line = recordStartLine + 1
        recordStartLine = line
        for byte in tail { step(byte, &results) }
    }
}
