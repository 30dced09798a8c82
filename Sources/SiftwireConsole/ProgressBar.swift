import Foundation

/// A one-line progress bar on a terminal; silent when stderr is not a terminal.
public struct ProgressBar {
    let label: String
    let total: Int
    let enabled: Bool
    private var lastDrawn = ContinuousClock.now - .seconds(1)

    public init(label: String, total: Int, enabled: Bool = isatty(STDERR_FILENO) == 1) {
        self.label = label
        self.total = total
        self.enabled = enabled
    }

    public mutating func update(_ done: Int, detail: String = "", force: Bool = false) {
        guard enabled, force || ContinuousClock.now - lastDrawn > .milliseconds(100) else { return }
        lastDrawn = .now
        let width = 30
        let fraction = total == 0 ? 1 : min(1, Double(done) / Double(total))
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        FileHandle.standardError.write(Data("\r\(label) \(bar) \(done)/\(total) \(detail)\u{1B}[K".utf8))
    }

    public func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
