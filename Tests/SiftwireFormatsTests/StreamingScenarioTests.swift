import Foundation
import Testing
@testable import SiftwireFormats

@Suite("Streaming large inputs")
struct StreamingScenarioTests {
    /// Resident set size in bytes (Linux; nil elsewhere).
    static func residentBytes() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kb = Int(line.split(separator: " ")[1]) else { return nil }
        return kb * 1024
    }

    @Test func a200000LineJSONLFileIsReadInChunksWithBoundedBuffers() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("siftwire-stream-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("big.jsonl")
        _ = FileManager.default.createFile(atPath: file.path, contents: nil)
        let out = try FileHandle(forWritingTo: file)
        let lines = 200_000
        var batch = ""
        for i in 1...lines {
            if i % 50_000 == 0 {
                batch += "{\"text\": broken line \(i)}\n"  // every 50,000th line is bad
            } else {
                batch += "{\"id\":\"d\(i)\",\"text\":\"Report \(i): shelling near Idlib damaged a school and two houses.\",\"source\":\"SANA\",\"date\":\"2016-07-05\"}\n"
            }
            if i % 10_000 == 0 {
                out.write(Data(batch.utf8))
                batch = ""
            }
        }
        try out.close()
        let size = try #require(FileManager.default.attributesOfItem(atPath: file.path)[.size] as? NSNumber).intValue

        let before = Self.residentBytes()
        var records = try InputReader.records(at: file, chunkSize: 1 << 16)
        var good = 0
        var bad: [Int] = []
        var lastID: String?
        while let item = records.next() {
            if let r = item.record { good += 1; lastID = r.id } else { bad.append(item.line) }
        }
        let after = Self.residentBytes()
        #expect(good == lines - 4)
        #expect(bad == [50_000, 100_000, 150_000, 200_000])
        #expect(lastID == "d199999")
        #expect(records.bytesRead == size)
        // The parser never holds more than one unfinished line between 64 KiB chunks.
        if case .jsonLines(let stream) = records.source {
            #expect(stream.parser.peakBufferedBytes < 1_000)
        } else {
            Issue.record("a .jsonl file should be streamed")
        }
        // The resident size is printed for the log only: other suites run in this process at the same
        // time, so it is no measure of this reader (the CLI's constant memory is measured in BENCHMARKS.md).
        if let before, let after {
            print("JSONL \(size / 1_000_000) MB, \(lines) lines: RSS \(before / 1_000_000) MB -> \(after / 1_000_000) MB (whole process)")
        }
    }
}
