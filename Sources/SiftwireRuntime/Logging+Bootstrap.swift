import Foundation
import Logging

/// Structured logs: one line per event, fixed message, context in metadata (`doc.id`, `worker.id`, `zmq.endpoint`).
public enum SiftwireLogging {
    /// Sends every logger to stderr at `level`. Call once, at process start.
    public static func bootstrap(level: Logger.Level) {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }

    public static func level(named name: String) -> Logger.Level {
        Logger.Level(rawValue: name.lowercased()) ?? .info
    }
}
