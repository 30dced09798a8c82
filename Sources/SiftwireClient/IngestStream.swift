import Foundation
import SiftwireProtocol

/// Submits documents as they are read, in batches fitted to ingest's limits, keeping only the
/// current batch in memory (and the accepted ids when `keepAcceptedIDs`, for waiting on them).
/// Per-document outcomes are counted; rejections are reported through `onRejected` as they come.
public struct IngestStream {
    let client: SiftwireClient
    let limits: SubmitAccepted.Limits
    let batchSize: Int
    let batchBytes: Int
    let keepAcceptedIDs: Bool
    private var pending: [(name: String, document: NewDocument)] = []
    private var pendingBytes = 0

    public private(set) var accepted = 0
    public private(set) var duplicates = 0
    public private(set) var rejected = 0
    /// Ids of accepted documents, in order (only when `keepAcceptedIDs`).
    public private(set) var acceptedIDs: [String] = []
    /// Called for every document ingest (or the size check here) refuses: its name and the reason.
    public var onRejected: (String, String) -> Void = { _, _ in }

    public init(client: SiftwireClient, limits: SubmitAccepted.Limits, keepAcceptedIDs: Bool, batchSize: Int = 100, batchBytes: Int = 8 << 20) {
        self.client = client
        self.limits = limits
        self.keepAcceptedIDs = keepAcceptedIDs
        self.batchSize = max(1, min(batchSize, limits.maxBatch))
        self.batchBytes = max(1, min(batchBytes, limits.maxMessageBytes / 4))
    }

    /// Queues one document, submitting the batch when it is full. A document over ingest's size
    /// limit is refused here, with ingest's reason, without being sent.
    public mutating func add(name: String, document: NewDocument) throws(SiftwireError) {
        let bytes = document.text.utf8.count
        if bytes > limits.maxDocumentBytes {
            rejected += 1
            onRejected(name, "document is \(bytes) bytes; the limit is \(limits.maxDocumentBytes) bytes")
            return
        }
        if !pending.isEmpty, pending.count >= batchSize || pendingBytes + bytes > batchBytes { try flush() }
        pending.append((name, document))
        pendingBytes += bytes
    }

    /// Submits what is queued.
    public mutating func flush() throws(SiftwireError) {
        guard !pending.isEmpty else { return }
        let batch = pending
        pending = []
        pendingBytes = 0
        let reply = try client.submit(batch.map(\.document))
        for (item, result) in zip(batch, reply.results) {
            switch result.outcome {
            case .accepted:
                accepted += 1
                if keepAcceptedIDs, let id = result.id { acceptedIDs.append(id) }
            case .duplicate:
                duplicates += 1
            case .rejected:
                rejected += 1
                onRejected(item.name, result.reason ?? "rejected")
            }
        }
    }
}
