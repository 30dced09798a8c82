import CZeroMQ
import Foundation

/// Why a CURVE key could not be made, read or used.
public struct CurveKeyError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// A 32-byte CurveZMQ key (public or secret) in its Z85 text form: 40 printable characters.
public struct CurveKey: Hashable, Sendable {
    /// The key as Z85 text, as `siftwire keygen` writes it and `ZMQ_CURVE_*KEY` accept it.
    public let z85: String

    /// Reads a key from its 40-character Z85 text (surrounding whitespace ignored).
    public init(z85 text: String) throws(CurveKeyError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.utf8.count == 40 else {
            throw CurveKeyError("a CURVE key is 40 Z85 characters; got \(trimmed.utf8.count)")
        }
        var bytes = [UInt8](repeating: 0, count: 32)
        guard zmq_z85_decode(&bytes, trimmed) != nil else {
            throw CurveKeyError("not a Z85-encoded CURVE key (characters outside the Z85 alphabet)")
        }
        z85 = trimmed
    }

    /// Encodes 32 raw key bytes (as a ZAP request carries a client's public key).
    public init(bytes: Data) throws(CurveKeyError) {
        guard bytes.count == 32 else { throw CurveKeyError("a CURVE key is 32 bytes; got \(bytes.count)") }
        var text = [CChar](repeating: 0, count: 41)
        let encoded = bytes.withUnsafeBytes { raw in
            zmq_z85_encode(&text, raw.bindMemory(to: UInt8.self).baseAddress, 32)
        }
        guard encoded != nil else { throw CurveKeyError("Z85 encoding failed") }
        z85 = String(decoding: text.prefix(40).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The 32 raw bytes.
    public var bytes: Data {
        var bytes = [UInt8](repeating: 0, count: 32)
        _ = zmq_z85_decode(&bytes, z85)
        return Data(bytes)
    }

    /// Reads the one key in a key file: blank lines and `# ` comment lines are skipped.
    public static func read(file path: String) throws(CurveKeyError) -> CurveKey {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw CurveKeyError("cannot read key file \(path): \(error.localizedDescription)")
        }
        let keys = KeyFileLine.parse(text)
        guard keys.count == 1, case .key(let key, _) = keys[0] else {
            let found = keys.filter { if case .key = $0 { true } else { false } }.count
            throw CurveKeyError("\(path) must hold exactly one Z85 key line; found \(found) key(s)"
                + (keys.contains { if case .invalid = $0 { true } else { false } } ? " and lines that are not keys" : ""))
        }
        return key
    }
}

/// A CurveZMQ key pair: the public half is shared, the secret half never leaves its process.
public struct CurveKeyPair: Sendable, CustomStringConvertible {
    public let publicKey: CurveKey
    public let secretKey: CurveKey

    /// True when libzmq was built with CURVE support (libsodium or tweetnacl).
    public static var isSupported: Bool { zmq_has("curve") != 0 }

    /// A fresh random key pair.
    public static func generate() throws(CurveKeyError) -> CurveKeyPair {
        var publicText = [CChar](repeating: 0, count: 41)
        var secretText = [CChar](repeating: 0, count: 41)
        guard zmq_curve_keypair(&publicText, &secretText) == 0 else {
            throw CurveKeyError("libzmq cannot make CURVE keys (built without CURVE support?): \(MessagingError(operation: "zmq_curve_keypair"))")
        }
        return try CurveKeyPair(secretKey: CurveKey(z85: Self.string(secretText)))
    }

    /// The pair of `secretKey`: the public key is derived from it.
    public init(secretKey: CurveKey) throws(CurveKeyError) {
        var publicText = [CChar](repeating: 0, count: 41)
        guard zmq_curve_public(&publicText, secretKey.z85) == 0 else {
            throw CurveKeyError("cannot derive the public key: \(MessagingError(operation: "zmq_curve_public"))")
        }
        self.secretKey = secretKey
        publicKey = try CurveKey(z85: Self.string(publicText))
    }

    /// The text before the terminating NUL of a C string buffer libzmq filled.
    private static func string(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Never shows the secret half.
    public var description: String { "CurveKeyPair(public: \(publicKey.z85))" }
}

/// One line of a key file or allow-list: a key with an optional name after it, a comment, or junk.
enum KeyFileLine {
    case key(CurveKey, name: String?)
    case invalid(line: Int, text: String)

    /// Parses every non-blank, non-comment line. A Z85 key contains no spaces, so a key is the
    /// first word of its line and anything after it is a name; other lines starting with `#` are comments.
    static func parse(_ text: String) -> [KeyFileLine] {
        var lines: [KeyFileLine] = []
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces.union(.init(charactersIn: "\r")))
            guard !line.isEmpty else { continue }
            let words = line.split(maxSplits: 1, whereSeparator: { $0 == " " || $0 == "\t" })
            if let key = try? CurveKey(z85: String(words[0])) {
                let name = words.count > 1 ? words[1].trimmingCharacters(in: .whitespaces) : nil
                lines.append(.key(key, name: name?.isEmpty == false ? name : nil))
            } else if !line.hasPrefix("#") {
                lines.append(.invalid(line: number + 1, text: String(line.prefix(60))))
            }
        }
        return lines
    }
}
