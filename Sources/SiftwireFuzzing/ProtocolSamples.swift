import Foundation
import SiftwireExtraction
import SiftwireMessaging
import SiftwireProtocol

/// Valid messages of every request kind (the seed corpus mutations start from), grouped by the
/// socket that answers them.
public enum ProtocolSamples {
    static let article = "Idlib, Syria — Abu Mohammad al-Julani said on 3 August 2023 that Hay'at Tahrir al-Sham (HTS) would stay."

    /// A put whose spans point at the text, as an extractor would send it.
    public static var indexPut: IndexPut {
        let scalars = Array(article.unicodeScalars)
        func span(_ text: String) -> Mention {
            let target = Array(text.unicodeScalars)
            let start = (0...(scalars.count - target.count)).first { Array(scalars[$0..<$0 + target.count]) == target } ?? 0
            return Mention(text: text, start: start, end: start + target.count)
        }
        let julani = span("Abu Mohammad al-Julani"), hts = span("Hay'at Tahrir al-Sham"), date = span("3 August 2023")
        let extraction = Extraction(title: "Idlib", date: "2023-08-03", entities: [
            ExtractedEntity(id: "person:julani", name: "Abu Mohammad al-Julani", type: .person, aliases: ["al-Julani"], mentions: [julani]),
            ExtractedEntity(id: "org:hts", name: "Hay'at Tahrir al-Sham", type: .org, aliases: ["HTS"], mentions: [hts]),
        ], dates: [ExtractedDate(text: date.text, value: "2023-08-03", start: date.start, end: date.end)])
        return IndexPut(document: IndexedDocument(id: "dfuzz000000000001", hash: String(repeating: "ab", count: 32), title: "Idlib",
                                                  text: article, source: "fuzz", date: "2023-08-03"),
                        extraction: extraction, workerID: "fuzz-writer",
                        keys: Dictionary(uniqueKeysWithValues: ["Abu Mohammad al-Julani", "al-Julani", "Hay'at Tahrir al-Sham", "HTS"]
                            .map { ($0, MatchingKey.key($0)) }))
    }

    public static var ingestClient: [Envelope] {
        [Envelope(HealthRequest()),
         Envelope(SubmitDocuments(documents: [NewDocument(text: article, title: "t", source: "fuzz", date: "2023-08-03")])),
         Envelope(TrackDocuments(ids: ["d0000000000000000", "dfuzz"])),
         Envelope(PipelineStatusRequest()),
         Envelope(RetryDeadDocuments(ids: ["d0000000000000000"])),
         Envelope(ReprocessDocuments(selection: .documents(["d0000000000000000"])))]
    }

    public static var ingestWork: [Envelope] {
        [Envelope(HealthRequest()),
         Envelope(WorkReady(workerID: "fuzz-peer", credit: 1, engineVersion: "rules-r1+dict:00000000+gaz:00000000")),
         Envelope(WorkHeartbeat(workerID: "fuzz-peer", available: 0)),
         Envelope(WorkFailed(workerID: "fuzz-peer", id: "d0000000000000000", reason: "fuzz")),
         Envelope(WorkReturn(workerID: "fuzz-peer", ids: ["d0000000000000000"])),
         Envelope(IndexCommitted(items: [IndexCommitted.Item(id: "d0000000000000000", workerID: "fuzz-peer")]))]
    }

    public static var queries: [Envelope] {
        [Envelope(HealthRequest()),
         Envelope(SearchQuery(text: "\"Tahrir al-Sham\" AND Idlib", limit: 5, entityType: "ORG", dateFrom: "2020-01-01")),
         Envelope(EntityQuery(name: "al-Jolani", documentLimit: 3)),
         Envelope(DocumentQuery(id: "d0000000000000000")),
         Envelope(StatsQuery()),
         Envelope(SourcesQuery(prefix: "sa", limit: 5)),
         Envelope(EntitiesQuery(type: "PERSON", prefix: "jol", sort: "documents", limit: 5)),
         Envelope(ComentionsQuery(name: "HTS", depth: 2, minWeight: 1, limit: 10)),
         Envelope(TimelineQuery(names: ["HTS", "Idlib"], bucket: "month", dateFrom: "2020-01-01")),
         Envelope(MergeEntities(into: "fuzz:none-a", from: "fuzz:none-b", by: "fuzz")),
         Envelope(SplitEntity(entity: "fuzz:none-a", alias: "Nobody", by: "fuzz")),
         Envelope(DistinctEntities(a: "fuzz:none-a", b: "fuzz:none-b", by: "fuzz"))]
    }

    public static var queryOnly: [Envelope] {
        [Envelope(WatchAdd(name: "fuzz-watch", search: "\"drone strike\"")),
         Envelope(WatchListRequest()),
         Envelope(WatchRemove(name: "fuzz-watch"))]
    }

    /// The feed poller's control socket.
    public static var feeds: [Envelope] {
        [Envelope(HealthRequest()),
         Envelope(FeedAdd(url: "http://127.0.0.1:9/fuzz.xml", intervalSeconds: 3600)),
         Envelope(FeedListRequest()),
         Envelope(FeedRemove(url: "http://127.0.0.1:9/fuzz.xml"))]
    }

    public static var indexOnly: [Envelope] {
        [Envelope(indexPut),
         Envelope(IndexMatch(documentID: "d0000000000000000", entities: ["org:hts"], searches: ["Idlib"]))]
    }

    /// What an extractor receives from ingest: assignments (one with an absurd lease) and heartbeats.
    public static var extractorInbound: [Envelope] {
        let item = WorkItem(id: "dfuzz000000000002", hash: String(repeating: "cd", count: 32), text: article,
                            title: nil, source: "fuzz", date: nil, attempt: 1)
        return [Envelope(WorkAssignment(items: [item], leaseSeconds: 30)),
                Envelope(WorkAssignment(items: [item], leaseSeconds: 1e308)),
                Envelope(WorkHeartbeat(workerID: "ingest", available: 0)),
                Envelope(Ack()),
                Envelope(IndexStored(id: "dfuzz000000000002", alreadyStored: false)),
                Envelope(ErrorReply(SiftwireError(.invalidArgument, "refused")))]
    }

    /// Events published on PUB sockets (consumed by SUB sockets, never answered).
    public static var events: [Envelope] {
        [Envelope(DocumentAnnouncement(id: "d0000000000000000", title: "Idlib", date: "2023-08-03", source: "fuzz", entities: ["org:hts"])),
         Envelope(Alert(watch: "w", document: Alert.Document(id: "d0000000000000000", title: "Idlib", date: nil), matched: "org:hts"))]
    }

    public static var all: [Envelope] { ingestClient + ingestWork + queries + queryOnly + indexOnly + events + feeds }
}

/// Builds hostile multipart messages from valid ones.
public struct FrameFuzzer {
    public var mutator: Mutator
    let seeds: [Envelope]
    let bodies: [Data]

    public init(seed: UInt64, seeds: [Envelope]) {
        mutator = Mutator(seed: seed)
        self.seeds = seeds
        bodies = seeds.map(\.body)
    }

    /// The next hostile message: random frames, a valid message with one frame mutated, frames
    /// added or removed, a wrong version, an unknown kind, or a mutated body under a valid envelope.
    public mutating func next() -> Frames {
        let seed = mutator.pick(seeds)
        var frames = seed.frames
        switch mutator.int(11) {
        case 0:
            return (0...mutator.int(7)).map { _ in mutator.randomBytes(maxCount: 48) }
        case 1:
            let index = mutator.int(frames.count)
            frames[index] = mutator.mutate(frames[index], corpus: bodies)
        case 2:
            if mutator.chance(2), !frames.isEmpty { frames.remove(at: mutator.int(frames.count)) } else { frames.insert(mutator.randomBytes(maxCount: 16), at: mutator.int(frames.count + 1)) }
        case 3:
            frames[0] = Data(mutator.pick(["siftwire/0", "siftwire/2", "SIFTWIRE/1", "siftwire/1 ", "", "\u{0}"]).utf8)
        case 4:
            let anyKind = mutator.pick(MessageKind.allCases).rawValue
            frames[1] = Data(mutator.pick(["Health", "ingest.delete", "error", "ack", "health.reply", "query.search.reply", "", "index.put\u{0}", anyKind]).utf8)
        case 5:
            frames[2] = mutator.pick([Data(), Data(repeating: 0x61, count: 129), Data([0xFF, 0xFE]), Data("r\u{0}".utf8)])
        case 6, 7, 8:
            // Structured: still JSON, so it reaches the field checks (types, ranges, sizes).
            for _ in 0..<(1 + mutator.int(2)) { frames[3] = mutator.mutateJSON(frames[3]) ?? frames[3] }
        default:
            for _ in 0..<(1 + mutator.int(3)) { frames[3] = mutator.mutate(frames[3], corpus: bodies) }
        }
        return frames.isEmpty ? [Data()] : frames
    }
}
