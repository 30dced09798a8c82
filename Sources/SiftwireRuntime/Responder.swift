import Foundation
import Logging
import SiftwireMessaging
import SiftwireProtocol

/// A request that arrived on a ROUTER socket: the route back to its sender and the decoded envelope.
public struct RoutedRequest {
    /// Routing frames to put in front of the reply (peer identity, and an empty delimiter for REQ peers).
    public var route: Frames
    public var envelope: Envelope
}

/// Decodes requests arriving on a bound ROUTER socket and sends replies back along their route.
///
/// Malformed messages are answered with a structured `error` reply when a route exists, and
/// otherwise logged and counted; nothing a peer sends can stop the loop.
public final class Responder {
    public let socket: ZMQSocket
    private let logger: Logger
    /// Messages that got no answer: no route to reply on, or the reply could not be delivered.
    public private(set) var droppedMessages = 0
    /// `error` replies sent (malformed envelopes, bad bodies, refused requests).
    public private(set) var errorReplies = 0
    /// Messages whose envelope did not decode (a subset of `errorReplies`, or of drops without a route).
    public private(set) var malformedMessages = 0

    public init(socket: ZMQSocket, logger: Logger) {
        self.socket = socket
        self.logger = logger
    }

    /// Splits off the route and decodes the envelope; answers malformed input itself and returns nil.
    public func decode(_ frames: Frames) -> RoutedRequest? {
        guard frames.count >= 2 else {
            droppedMessages += 1
            malformedMessages += 1
            if DropLogging.shouldLog(droppedMessages) {
                logger.warning("dropped message without routing frames", metadata: ["frames": "\(frames.count)", "dropped": "\(droppedMessages)"])
            }
            return nil
        }
        // A REQ peer puts an empty delimiter after its identity; a DEALER peer does not.
        let routeLength = frames[1].isEmpty ? 2 : 1
        let route = Array(frames.prefix(routeLength))
        do {
            let envelope = try Envelope.decode(Array(frames.dropFirst(routeLength)))
            return RoutedRequest(route: route, envelope: envelope)
        } catch {
            malformedMessages += 1
            let reply = Envelope(ErrorReply(error.error), requestID: error.requestID.isEmpty ? "-" : error.requestID)
            send(reply, to: route)
            return nil
        }
    }

    /// Sends `envelope` along `route`. A peer that vanished or stopped reading loses its reply (logged).
    public func send(_ envelope: Envelope, to route: Frames) {
        if envelope.kind == .error { errorReplies += 1 }
        do {
            try socket.send(route + envelope.frames, dontWait: true)
        } catch {
            droppedMessages += 1
            if DropLogging.shouldLog(droppedMessages) {
                logger.warning("reply not delivered", metadata: ["kind": "\(envelope.kind.rawValue)", "error": "\(error)", "dropped": "\(droppedMessages)"])
            }
        }
    }

    /// The counters as health details, under `prefix` (e.g. `work.` for ingest's work socket).
    public func healthDetails(prefix: String = "") -> [String: String] {
        ["\(prefix)dropped": "\(droppedMessages)", "\(prefix)errors": "\(errorReplies)", "\(prefix)malformed": "\(malformedMessages)"]
    }

    /// Answers a request with whatever `handle` returns, or with the error it throws.
    public func answer(_ request: RoutedRequest, _ handle: (Envelope) throws(SiftwireError) -> Envelope) {
        do {
            send(try handle(request.envelope), to: request.route)
        } catch {
            send(request.envelope.reply(error: error), to: request.route)
        }
    }
}
