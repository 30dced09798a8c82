import Foundation

/// `multipart/form-data` bodies (the upload form): each part's field name, file name and bytes.
public enum Multipart {
    public struct Part: Sendable, Equatable {
        public var name: String
        public var filename: String?
        public var data: [UInt8]

        public var text: String { String(decoding: data, as: UTF8.self) }
    }

    /// The boundary of a `Content-Type: multipart/form-data; boundary=…` header.
    public static func boundary(contentType: String) -> String? {
        guard contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "boundary" {
                let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                return value.isEmpty || value.count > 200 ? nil : value
            }
        }
        return nil
    }

    /// The parts between `--boundary` delimiters; a part without a `name` is left out.
    public static func parse(_ body: [UInt8], boundary: String) -> [Part] {
        let delimiter = Array("--\(boundary)".utf8)
        var parts: [Part] = []
        let starts = ranges(of: delimiter, in: body)
        guard starts.count >= 2 else { return [] }
        for (current, next) in zip(starts, starts.dropFirst()) {
            var start = current.upperBound
            // Skip the CRLF after the delimiter.
            if start + 1 < body.count, body[start] == 13, body[start + 1] == 10 { start += 2 }
            var end = next.lowerBound
            // Drop the CRLF before the next delimiter.
            if end >= 2, body[end - 2] == 13, body[end - 1] == 10 { end -= 2 }
            guard start <= end else { continue }
            let section = Array(body[start..<end])
            guard let split = ranges(of: [13, 10, 13, 10], in: section).first else { continue }
            let head = String(decoding: section[..<split.lowerBound], as: UTF8.self)
            let data = Array(section[split.upperBound...])
            var name: String?
            var filename: String?
            for line in head.components(separatedBy: "\r\n") where line.lowercased().hasPrefix("content-disposition:") {
                name = parameter("name", in: line)
                filename = parameter("filename", in: line)
            }
            if let name { parts.append(Part(name: name, filename: filename, data: data)) }
        }
        return parts
    }

    static func parameter(_ key: String, in line: String) -> String? {
        for piece in line.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == key {
                return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return nil
    }

    static func ranges(of needle: [UInt8], in haystack: [UInt8]) -> [Range<Int>] {
        guard !needle.isEmpty, haystack.count >= needle.count else { return [] }
        var found: [Range<Int>] = []
        var index = 0
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == needle[0] && Array(haystack[index..<index + needle.count]) == needle {
                found.append(index..<index + needle.count)
                index += needle.count
            } else {
                index += 1
            }
        }
        return found
    }
}
