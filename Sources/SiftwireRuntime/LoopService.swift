import Foundation
import Logging
import ServiceLifecycle
import ArgumentParser

/// Runs a blocking socket loop on a thread of its own, as a swift-service-lifecycle `Service`.
///
/// libzmq sockets belong to one thread, and a poll loop must not occupy the cooperative pool,
/// so the body runs on a dedicated `Thread`. Graceful shutdown (SIGTERM/SIGINT through the
/// `ServiceGroup`) or task cancellation sets the `StopSignal` the body polls.
public struct LoopService: Service {
    public let name: String
    private let body: @Sendable (StopSignal) throws -> Void

    public init(name: String, body: @escaping @Sendable (StopSignal) throws -> Void) {
        self.name = name
        self.body = body
    }

    public func run() async throws {
        let stop = StopSignal()
        try await withTaskCancellationHandler {
            try await withGracefulShutdownHandler {
                try await runOnThread(stop)
            } onGracefulShutdown: {
                stop.request()
            }
        } onCancel: {
            stop.request()
        }
    }

    private func runOnThread(_ stop: StopSignal) async throws {
        let body = self.body
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let thread = Thread {
                do {
                    try body(stop)
                    continuation.resume()
                } catch {
                    continuation.resume(throwing: error)
                }
            }
            thread.name = name
            thread.start()
        }
    }
}

/// Runs one service loop in a `ServiceGroup` that stops cleanly on SIGTERM and SIGINT.
/// An unusable store ends the process with status 65 (`StoreOpeningError.exitStatus`) and says why.
public enum ServiceRunner {
    public static func run(_ service: LoopService, logger: Logger) async throws {
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: service)],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            )
        )
        do {
            try await group.run()
        } catch let error as StoreOpeningError {
            logger.critical("store unusable; not starting", metadata: [
                "store.path": "\(error.path)", "store.problem": "\(error.reason.rawValue)", "store.detail": "\(error.detail)",
            ])
            FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
            throw ExitCode(StoreOpeningError.exitStatus)
        }
    }
}

