import SiftwireProtocol

/// Replies to a slow question about the whole corpus, kept for `lifetime`: one request asks, the
/// others asking the same meanwhile wait for its answer, and later ones read it until it is older
/// than `lifetime`. A merge or split made through this server forgets everything (`removeAll`);
/// documents indexed meanwhile show once the kept reply has expired. Failures are not kept.
actor ReplyCache<Key: Hashable & Sendable, Value: Sendable> {
    private var kept: [Key: (at: ContinuousClock.Instant, value: Value)] = [:]
    private var asking: [Key: Task<Result<Value, SiftwireError>, Never>] = [:]
    /// Bumped by `removeAll`: an answer asked for before it is not kept.
    private var generation = 0
    let lifetime: Duration
    let capacity: Int

    init(lifetime: Duration, capacity: Int = 256) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    func value(for key: Key, ask: @escaping @Sendable () async throws(SiftwireError) -> Value) async throws(SiftwireError) -> Value {
        if let reply = kept[key], ContinuousClock.now - reply.at < lifetime { return reply.value }
        let task: Task<Result<Value, SiftwireError>, Never>
        if let running = asking[key] {
            task = running
        } else {
            task = Task {
                do throws(SiftwireError) { return .success(try await ask()) } catch { return .failure(error) }
            }
            asking[key] = task
        }
        let askedIn = generation
        let result = await task.value
        if asking[key] == task { asking[key] = nil }
        if case .success(let value) = result, askedIn == generation, kept[key] == nil || ContinuousClock.now - kept[key]!.at >= lifetime {
            if kept.count >= capacity { kept.removeAll(keepingCapacity: true) }
            kept[key] = (ContinuousClock.now, value)
        }
        return try result.get()
    }

    func removeAll() {
        kept.removeAll()
        asking.removeAll()
        generation += 1
    }
}
