import Foundation

/// The one place bodies are turned into JSON and back.
public enum JSONCoding {
    /// Deepest nesting of arrays/objects accepted in a body before decoding is attempted.
    public static let maxDepth = 64

    public static func encode<T: Encodable>(_ value: T) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding our own Codable payloads fails only on non-finite floats, which none carry.
        return (try? encoder.encode(value)) ?? Data("{}".utf8)
    }

    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws(SiftwireError) -> T {
        guard nestingDepth(of: data) <= maxDepth else {
            throw SiftwireError(.invalidBody, "JSON body nests deeper than \(maxDepth) levels")
        }
        // Bodies must be valid UTF-8: nothing is repaired on the wire (clients repair files before sending).
        if let offset = firstInvalidUTF8(in: data) {
            throw SiftwireError(.invalidBody, "body is not valid UTF-8 (first bad byte at offset \(offset))")
        }
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw SiftwireError(.invalidBody, "missing field '\(path(context.codingPath + [key]))'")
        } catch let DecodingError.typeMismatch(expected, context) {
            throw SiftwireError(.invalidBody, "field '\(path(context.codingPath))' should be \(jsonName(of: expected))")
        } catch let DecodingError.valueNotFound(_, context) {
            throw SiftwireError(.invalidBody, "field '\(path(context.codingPath))' is null")
        } catch let DecodingError.dataCorrupted(context) {
            let at = context.codingPath.isEmpty ? "" : " at '\(path(context.codingPath))'"
            throw SiftwireError(.invalidBody, "body is not valid JSON for this kind\(at): \(context.debugDescription)")
        } catch {
            throw SiftwireError(.invalidBody, "body could not be decoded: \(error)")
        }
    }

    /// How a Swift type looks in JSON, for error messages.
    static func jsonName(of type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Double.Type: "a number"
        case is Bool.Type: "true or false"
        default:
            String(describing: type).hasPrefix("Array") ? "an array" : (String(describing: type).hasPrefix("Dictionary") ? "an object" : "a \(type)")
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }

    /// Offset of the first byte that is not part of valid UTF-8 (overlong forms, surrogates and
    /// scalars past U+10FFFF included), or nil when all of it is. Linear, no allocation.
    static func firstInvalidUTF8(in data: Data) -> Int? {
        data.withUnsafeBytes { raw -> Int? in
            let bytes = raw.bindMemory(to: UInt8.self)
            let n = bytes.count
            var i = 0
            while i < n {
                let lead = bytes[i]
                if lead < 0x80 { i += 1; continue }
                let need: Int, smallest: UInt32
                var scalar: UInt32
                switch lead {
                case 0xC2...0xDF: need = 1; smallest = 0x80; scalar = UInt32(lead & 0x1F)
                case 0xE0...0xEF: need = 2; smallest = 0x800; scalar = UInt32(lead & 0x0F)
                case 0xF0...0xF4: need = 3; smallest = 0x10000; scalar = UInt32(lead & 0x07)
                default: return i
                }
                guard i + need < n else { return i }
                for k in 1...need {
                    let next = bytes[i + k]
                    guard next & 0xC0 == 0x80 else { return i }
                    scalar = scalar << 6 | UInt32(next & 0x3F)
                }
                if scalar < smallest || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return i }
                i += need + 1
            }
            return nil
        }
    }

    /// Maximum bracket nesting, ignoring brackets inside strings. Linear, no allocation.
    static func nestingDepth(of data: Data) -> Int {
        data.withUnsafeBytes { raw -> Int in
            var depth = 0, deepest = 0, inString = false, escaped = false
            for byte in raw {
                if inString {
                    if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                    continue
                }
                switch byte {
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    depth += 1
                    deepest = max(deepest, depth)
                case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
                default: break
                }
            }
            return deepest
        }
    }
}
