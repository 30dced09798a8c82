/// The CURVE side a socket takes. A socket without one uses ZeroMQ's NULL mechanism (plain text).
public enum CurveRole: Sendable {
    /// A socket that binds: it proves itself with its key pair, and the context's `ZAPHandler`
    /// decides which clients may connect.
    case server(CurveKeyPair)
    /// A socket that connects: it encrypts to `serverKey` and proves itself with its own pair.
    case client(CurveKeyPair, serverKey: CurveKey)

    /// The ZAP domain every Siftwire CURVE server announces.
    public static let zapDomain = "siftwire"
}
