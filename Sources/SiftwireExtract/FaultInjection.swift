import ArgumentParser

/// A testing aid: documents containing `marker` make this extractor fail, or crash, so the
/// poison-document and lost-extractor paths can be exercised with real processes. Off by default.
public struct FaultInjection: Sendable, Equatable {
    public enum Mode: String, Sendable, CaseIterable, ExpressibleByArgument {
        /// Report `work.failed` for the document.
        case fail
        /// Exit the process at once (status 70), as a crash would.
        case crash
    }

    public var marker: String
    public var mode: Mode

    public init(marker: String, mode: Mode) {
        self.marker = marker
        self.mode = mode
    }

    func applies(to text: String) -> Bool {
        !marker.isEmpty && text.contains(marker)
    }
}
