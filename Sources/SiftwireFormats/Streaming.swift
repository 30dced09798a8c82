import Foundation

/// A parser that turns a byte stream, fed in chunks of any size, into records as they complete.
/// Parsers hold at most one unfinished line or record between chunks, never the whole input.
public protocol RecordParser {
    /// Appends to `results` every record the bytes complete.
    mutating func consume(_ chunk: UnsafeBufferPointer<UInt8>, into results: inout [RecordResult])
    /// The end of the input: the last record without a final newline, or the error for an unfinished one.
    mutating func finish(into results: inout [RecordResult])
    /// The most bytes held between chunks so far (for tests and progress reports).
    var peakBufferedBytes: Int { get }
}

extension RecordParser {
    public mutating func consume(_ bytes: some Sequence<UInt8>, into results: inout [RecordResult]) {
        let array = Array(bytes)
        array.withUnsafeBufferPointer { consume($0, into: &results) }
    }

    /// Every result of a complete, in-memory input.
    public mutating func parseAll(_ bytes: some Sequence<UInt8>) -> [RecordResult] {
        var results: [RecordResult] = []
        consume(bytes, into: &results)
        finish(into: &results)
        return results
    }
}

/// Records read lazily from a byte source in fixed-size chunks: a file of any size is read in
/// memory bounded by the chunk size plus the longest record. Iterate it once.
public struct RecordStream<Parser: RecordParser>: Sequence, IteratorProtocol {
    public private(set) var parser: Parser
    let read: () throws -> Data?
    var pending: [RecordResult] = []
    var index = 0
    var done = false
    /// Bytes read so far (for a progress bar).
    public private(set) var bytesRead = 0

    /// `read` returns the next chunk, or nil or empty data at the end.
    public init(parser: Parser, read: @escaping () throws -> Data?) {
        self.parser = parser
        self.read = read
    }

    /// Reads `handle` from its current offset in chunks of `chunkSize` bytes.
    public init(parser: Parser, handle: FileHandle, chunkSize: Int = 1 << 16) {
        self.init(parser: parser) { try handle.read(upToCount: chunkSize) }
    }

    public mutating func next() -> RecordResult? {
        while index == pending.count {
            if done { return nil }
            pending.removeAll(keepingCapacity: true)
            index = 0
            do {
                if let chunk = try read(), !chunk.isEmpty {
                    bytesRead += chunk.count
                    chunk.withUnsafeBytes { raw in
                        parser.consume(raw.bindMemory(to: UInt8.self), into: &pending)
                    }
                } else {
                    done = true
                    parser.finish(into: &pending)
                }
            } catch {
                done = true
                pending.append(RecordResult(line: 0, result: .failure(FormatError(.unreadable, "read failed after \(bytesRead) bytes: \(error)"))))
            }
        }
        defer { index += 1 }
        return pending[index]
    }
}

/// Splits a byte stream into lines (`\n` or `\r\n`), holding only the unfinished line between chunks.
/// A line longer than `maxLineBytes` is reported by its number and skipped, not buffered.
public struct LineSplitter: Sendable {
    public let maxLineBytes: Int
    var pending: [UInt8] = []
    var skipping = false
    var skippedBytes = 0
    /// The number of the next line to complete (1-based).
    public private(set) var lineNumber = 1
    public private(set) var peakBufferedBytes = 0

    public enum Line {
        case text(ArraySlice<UInt8>, line: Int)
        case tooLong(line: Int, bytes: Int)
    }

    public init(maxLineBytes: Int = 16 << 20) {
        self.maxLineBytes = maxLineBytes
    }

    public mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, _ emit: (Line) -> Void) {
        var start = 0
        let n = chunk.count
        while start < n {
            var end = start
            while end < n, chunk[end] != 0x0A { end += 1 }
            let complete = end < n
            if skipping {
                skippedBytes += end - start
            } else if pending.count + (end - start) > maxLineBytes {
                skipping = true
                skippedBytes = pending.count + (end - start)
                pending.removeAll()
            } else if complete && pending.isEmpty {
                emit(.text(ArraySlice(chunk[start..<end]).trimmingCR, line: lineNumber))
            } else {
                pending.append(contentsOf: chunk[start..<end])
                if complete {
                    emit(.text(ArraySlice(pending).trimmingCR, line: lineNumber))
                    pending.removeAll(keepingCapacity: pending.count <= 1 << 16)
                }
            }
            peakBufferedBytes = max(peakBufferedBytes, pending.count)
            if complete {
                if skipping {
                    emit(.tooLong(line: lineNumber, bytes: skippedBytes))
                    skipping = false
                }
                lineNumber += 1
            }
            start = end + 1
        }
    }

    public mutating func finish(_ emit: (Line) -> Void) {
        if skipping {
            emit(.tooLong(line: lineNumber, bytes: skippedBytes))
        } else if !pending.isEmpty {
            emit(.text(ArraySlice(pending).trimmingCR, line: lineNumber))
        }
        pending.removeAll()
        skipping = false
    }
}

extension ArraySlice<UInt8> {
    var trimmingCR: ArraySlice<UInt8> { last == 0x0D ? dropLast() : self }
}

/// JSON Lines / NDJSON: one JSON object per line; blank lines are skipped; each bad line is one
/// error with its line number and the reason, and reading goes on with the next.
public struct JSONLinesParser: RecordParser {
    public var builder: RecordBuilder
    var splitter: LineSplitter

    public init(mapping: FieldMapping = .standard, maxLineBytes: Int = 16 << 20) {
        builder = RecordBuilder(mapping: mapping)
        splitter = LineSplitter(maxLineBytes: maxLineBytes)
    }

    public var peakBufferedBytes: Int { splitter.peakBufferedBytes }

    public mutating func consume(_ chunk: UnsafeBufferPointer<UInt8>, into results: inout [RecordResult]) {
        let builder = self.builder
        splitter.feed(chunk) { results.appendIfAny(Self.parse($0, builder)) }
    }

    public mutating func finish(into results: inout [RecordResult]) {
        let builder = self.builder
        splitter.finish { results.appendIfAny(Self.parse($0, builder)) }
    }

    static func parse(_ item: LineSplitter.Line, _ builder: RecordBuilder) -> RecordResult? {
        switch item {
        case .tooLong(let line, let bytes):
            return RecordResult(line: line, result: .failure(FormatError(.tooLarge, "line of \(bytes) bytes is over the limit; skipped", line: line)))
        case .text(var bytes, let line):
            if line == 1, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
            guard let first = bytes.firstIndex(where: { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0D) }) else { return nil }
            do throws(FormatError) {
                let object = try decodeObject(Data(bytes[first...]), line: line)
                return RecordResult(line: line, result: .success(try builder.build(object)))
            } catch {
                var located = error
                located.line = line
                return RecordResult(line: line, result: .failure(located))
            }
        }
    }

    static func decodeObject(_ data: Data, line: Int) throws(FormatError) -> [String: FieldValue] {
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            throw FormatError(.invalidJSON, "not valid JSON (\(Self.reason(error)))")
        }
        guard let object = json as? [String: Any] else {
            throw FormatError(.notAnObject, "a JSON \(FieldValue.describeJSON(json)), not an object with a \"text\" field")
        }
        var fields: [String: FieldValue] = [:]
        fields.reserveCapacity(object.count)
        for (key, value) in object {
            let k = key.lowercased()
            if fields[k] == nil || key == k { fields[k] = FieldValue(json: value) }
        }
        return fields
    }

    static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if let detail = ns.userInfo[NSDebugDescriptionErrorKey] as? String { return detail }
        return ns.localizedDescription
    }
}

extension FieldValue {
    init(json: Any) {
        switch json {
        case let s as String: self = .string(s)
        case is NSNull: self = .null
        case let n as NSNumber:
            // JSONSerialization marks true and false with the objCType of a C char.
            if String(cString: n.objCType) == "c" { self = .bool(n.boolValue) }
            else if n.doubleValue.rounded() == n.doubleValue, abs(n.doubleValue) < 1e15 { self = .number(String(n.int64Value)) }
            else { self = .number(n.stringValue) }
        case let a as [Any]: self = .list(a.map(FieldValue.init(json:)))
        case is [String: Any]: self = .object
        default: self = .null
        }
    }

    static func describeJSON(_ json: Any) -> String {
        describe(FieldValue(json: json))
    }

    static func describe(_ value: FieldValue) -> String {
        switch value {
        case .string: "string"
        case .number: "number"
        case .bool: "boolean"
        case .list: "array"
        case .object: "object"
        case .null: "null"
        }
    }
}

extension Array where Element == RecordResult {
    mutating func appendIfAny(_ result: RecordResult?) {
        if let result { append(result) }
    }
}
