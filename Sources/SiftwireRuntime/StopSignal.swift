import Synchronization

/// Set once, from any thread, to ask a loop to finish.
public final class StopSignal: Sendable {
    private let flag = Atomic<Bool>(false)

    public init() {}

    public func request() { flag.store(true, ordering: .releasing) }

    public var isRequested: Bool { flag.load(ordering: .acquiring) }
}
