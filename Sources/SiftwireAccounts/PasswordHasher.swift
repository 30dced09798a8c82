import Crypto
import Foundation
import _CryptoExtras

/// Salted scrypt password hashes, stored as `scrypt$N$r$p$salt$hash` (salt and hash in base64).
///
/// scrypt is slow and memory-hard on purpose: N = 2^14, r = 8, p = 1 costs about 16 MiB and tens of
/// milliseconds per check, so guessing from a stolen store is expensive.
public struct PasswordHasher: Sendable {
    public var rounds: Int
    public var blockSize: Int
    public var parallelism: Int

    public init(rounds: Int = 1 << 14, blockSize: Int = 8, parallelism: Int = 1) {
        self.rounds = rounds
        self.blockSize = blockSize
        self.parallelism = parallelism
    }

    /// A new hash of `password` with a fresh 16-byte random salt.
    public func hash(_ password: String) throws(AccountError) -> String {
        let salt = SecureRandom.bytes(16)
        let derived = try derive(password, salt: salt, rounds: rounds, blockSize: blockSize, parallelism: parallelism)
        return ["scrypt", String(rounds), String(blockSize), String(parallelism),
                Data(salt).base64EncodedString(), Data(derived).base64EncodedString()].joined(separator: "$")
    }

    /// Whether `password` matches `stored` (compared in constant time); false for a malformed hash.
    public func verify(_ password: String, against stored: String) -> Bool {
        let parts = stored.split(separator: "$").map(String.init)
        guard parts.count == 6, parts[0] == "scrypt",
              let rounds = Int(parts[1]), let blockSize = Int(parts[2]), let parallelism = Int(parts[3]),
              let salt = Data(base64Encoded: parts[4]), let expected = Data(base64Encoded: parts[5]),
              let derived = try? derive(password, salt: [UInt8](salt), rounds: rounds, blockSize: blockSize, parallelism: parallelism)
        else { return false }
        return ConstantTime.equal(derived, [UInt8](expected))
    }

    private func derive(_ password: String, salt: [UInt8], rounds: Int, blockSize: Int, parallelism: Int) throws(AccountError) -> [UInt8] {
        do {
            let key = try KDF.Scrypt.deriveKey(from: Array(password.utf8), salt: salt, outputByteCount: 32,
                                               rounds: rounds, blockSize: blockSize, parallelism: parallelism)
            return key.withUnsafeBytes { Array($0) }
        } catch {
            throw AccountError(.storage, "scrypt failed: \(error)")
        }
    }
}

/// Random bytes and tokens from the system's generator.
public enum SecureRandom {
    public static func bytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    /// 32 random bytes as URL-safe base64 without padding (43 characters).
    public static func token() -> String {
        Data(bytes(32)).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

/// Comparison whose time does not depend on where two byte strings first differ.
public enum ConstantTime {
    public static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }

    public static func equal(_ a: String, _ b: String) -> Bool {
        equal(Array(a.utf8), Array(b.utf8))
    }
}

/// SHA-256 of a token, hex: what the store keeps of session and API tokens (they are random, so a
/// fast hash suffices; a stolen store holds no usable token).
enum TokenDigest {
    static func of(_ token: String) -> String {
        Crypto.SHA256.hash(data: Array(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
