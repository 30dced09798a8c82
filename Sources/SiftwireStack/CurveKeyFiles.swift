import Foundation
import SiftwireMessaging

/// Key files as `siftwire keygen` writes them: `NAME.public` (shareable) and `NAME.secret` (mode 0600).
public enum CurveKeyFiles {
    public struct WriteError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Writes `pair` as DIR/NAME.public and DIR/NAME.secret; refuses to overwrite either file.
    /// Returns the two paths.
    @discardableResult
    public static func write(_ pair: CurveKeyPair, name: String, directory: URL) throws -> (publicFile: URL, secretFile: URL) {
        guard !name.isEmpty, !name.contains("/") else { throw WriteError(description: "a key name is a plain file name; got '\(name)'") }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let publicFile = directory.appendingPathComponent("\(name).public")
        let secretFile = directory.appendingPathComponent("\(name).secret")
        for file in [publicFile, secretFile] where FileManager.default.fileExists(atPath: file.path) {
            throw WriteError(description: "\(file.path) exists; not overwriting a key (remove it first or pick another name)")
        }
        try create(secretFile, mode: 0o600, text: """
            # Siftwire CURVE secret key '\(name)' (Z85). Keep it secret: only its own process reads it.
            \(pair.secretKey.z85)

            """)
        try create(publicFile, mode: 0o644, text: """
            # Siftwire CURVE public key '\(name)' (Z85). Put it in servers' allow-lists, or give it to clients as the server key.
            \(pair.publicKey.z85) \(name)

            """)
        return (publicFile, secretFile)
    }

    /// Creates a new file with exactly `mode` (never wider: created by open(2) with O_EXCL, then fchmod).
    private static func create(_ url: URL, mode: mode_t, text: String) throws {
        let fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw WriteError(description: "cannot create \(url.path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        guard fchmod(fd, mode) == 0 else { throw WriteError(description: "cannot set the mode of \(url.path): errno \(errno)") }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(fd) == 0 else { throw WriteError(description: "cannot write \(url.path): errno \(errno)") }
    }
}
