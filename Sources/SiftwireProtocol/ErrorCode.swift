/// Stable error codes carried by `error` replies. Clients may switch on them; the strings never change.
public enum ErrorCode: String, Codable, Sendable, CaseIterable {
    /// The multipart message does not have the envelope's frames.
    case malformedFrames = "malformed_frames"
    /// The envelope's version frame names a protocol version this service does not speak.
    case unsupportedVersion = "unsupported_version"
    /// The kind frame names no known message kind, or one this service does not answer.
    case unknownKind = "unknown_kind"
    /// The JSON body does not decode to the kind's payload.
    case invalidBody = "invalid_body"
    /// A field is present and well-typed but its value is not acceptable.
    case invalidArgument = "invalid_argument"
    /// A request is over a configured limit (documents per submit, query length). An oversized
    /// document inside a submit is not an error: its result is `rejected` with the reason.
    case tooLarge = "too_large"
    /// The thing asked for does not exist.
    case notFound = "not_found"
    /// The full-text query could not be parsed.
    case invalidQuery = "invalid_query"
    /// The request ran past the service's time limit (stated in the message); narrow it.
    case timeLimit = "time_limit"
    /// A service this one depends on did not answer in time.
    case unavailable = "unavailable"
    /// The service has as much work waiting as it accepts (the index: every reader busy and its
    /// read queue full); nothing was done. Ask again shortly.
    case busy = "busy"
    /// Anything else; the message says what.
    case internalError = "internal"
}
