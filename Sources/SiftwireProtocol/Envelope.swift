import Foundation

/// The versioned envelope every Siftwire message travels in.
///
/// Frames (after any ROUTER routing frames): `[version, kind, request id, JSON body]`.
public struct Envelope: Sendable, Equatable {
    public static let version = "siftwire/1"
    public static let frameCount = 4

    public var kind: MessageKind
    public var requestID: String
    public var body: Data

    public init(kind: MessageKind, requestID: String, body: Data) {
        self.kind = kind
        self.requestID = requestID
        self.body = body
    }

    /// Wraps a payload, encoding its body once.
    public init<Body: MessageBody>(_ payload: Body, requestID: String = Envelope.newRequestID()) {
        self.init(kind: Body.kind, requestID: requestID, body: JSONCoding.encode(payload))
    }

    public var frames: Frames {
        [Data(Envelope.version.utf8), Data(kind.rawValue.utf8), Data(requestID.utf8), body]
    }

    public static func newRequestID() -> String {
        UUID().uuidString.lowercased()
    }
}

extension Envelope {
    /// What could be read of a message that failed to decode: enough to address an error reply.
    public struct DecodeFailure: Error, Sendable {
        public var requestID: String
        public var error: SiftwireError
    }

    /// Decodes the envelope frames of a message, or says exactly what is wrong with them.
    public static func decode(_ frames: Frames) throws(DecodeFailure) -> Envelope {
        let requestID = frames.count > 2 ? (String(data: frames[2], encoding: .utf8) ?? "") : ""
        func fail(_ code: ErrorCode, _ message: String) -> DecodeFailure {
            DecodeFailure(requestID: requestID, error: SiftwireError(code, message))
        }
        guard frames.count == frameCount else {
            throw fail(.malformedFrames, "expected \(frameCount) frames [version, kind, request id, body], got \(frames.count)")
        }
        guard let version = String(data: frames[0], encoding: .utf8), version == Envelope.version else {
            let shown = String(decoding: frames[0].prefix(32), as: UTF8.self)
            throw fail(.unsupportedVersion, "protocol version '\(shown)' is not supported; this service speaks '\(Envelope.version)'")
        }
        guard let kindName = String(data: frames[1], encoding: .utf8), let kind = MessageKind(rawValue: kindName) else {
            let shown = String(decoding: frames[1].prefix(64), as: UTF8.self)
            throw fail(.unknownKind, "unknown message kind '\(shown)'")
        }
        guard !requestID.isEmpty, requestID.utf8.count <= 128 else {
            throw fail(.malformedFrames, "request id must be 1 to 128 bytes of UTF-8")
        }
        return Envelope(kind: kind, requestID: requestID, body: frames[3])
    }

    /// Decodes the body as the payload its kind promises.
    public func decodeBody<Body: MessageBody>(_ type: Body.Type) throws(SiftwireError) -> Body {
        guard kind == Body.kind else {
            throw SiftwireError(.unknownKind, "expected '\(Body.kind.rawValue)', got '\(kind.rawValue)'")
        }
        return try JSONCoding.decode(type, from: body)
    }

    /// The reply to this request carrying `payload`.
    public func reply<Body: MessageBody>(_ payload: Body) -> Envelope {
        Envelope(payload, requestID: requestID)
    }

    /// The error reply to this request.
    public func reply(error: SiftwireError) -> Envelope {
        Envelope(ErrorReply(error), requestID: requestID)
    }
}
