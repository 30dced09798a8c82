import Foundation
import Testing
import SiftwireProtocol

/// The wire stays byte-compatible: bodies recorded from `siftwire/1` (see `WireRecording` in the
/// store tests; real puts from the engine and real index replies) decode into today's types and
/// encode back to exactly the recorded bytes.
@Suite("Wire compatibility with recorded siftwire/1 messages")
struct WireCompatibilityTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("WireV1")

    /// Every kind that has a recording, with the type its body decodes into.
    static let types: [MessageKind: any MessageBody.Type] = [
        .health: HealthRequest.self, .healthReply: HealthReply.self, .error: ErrorReply.self, .ack: Ack.self,
        .ingestSubmit: SubmitDocuments.self,
        .workReady: WorkReady.self, .workAssign: WorkAssignment.self,
        .indexPut: IndexPut.self, .indexStored: IndexStored.self, .indexCommitted: IndexCommitted.self,
        .indexDocument: DocumentAnnouncement.self, .indexMatch: IndexMatch.self, .indexMatchReply: IndexMatchReply.self,
        .querySearch: SearchQuery.self, .querySearchReply: SearchResults.self,
        .queryEntity: EntityQuery.self, .queryEntityReply: EntityProfile.self,
        .queryDoc: DocumentQuery.self, .queryDocReply: DocumentView.self,
        .queryStats: StatsQuery.self, .queryStatsReply: IndexStats.self,
        .queryEntities: EntitiesQuery.self, .queryEntitiesReply: EntityList.self,
        .queryComentions: ComentionsQuery.self, .queryComentionsReply: ComentionGraph.self,
        .queryTimeline: TimelineQuery.self, .queryTimelineReply: Timeline.self,
        .queryClaims: ClaimsQuery.self, .queryClaimsReply: ClaimList.self,
        .queryContradictions: ContradictionsQuery.self, .queryContradictionsReply: Contradictions.self,
        .querySources: SourcesQuery.self, .querySourcesReply: SourceList.self,
        .queryMerge: MergeEntities.self, .queryMergeReply: CurationResult.Merge.self,
        .querySplit: SplitEntity.self, .querySplitReply: CurationResult.Split.self,
        .queryDistinct: DistinctEntities.self, .queryDistinctReply: CurationResult.Distinct.self,
        .queryWatchAdd: WatchAdd.self, .queryAlert: Alert.self,
    ]

    static func recordings() throws -> [(kind: MessageKind, file: String, body: Data)] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") }.sorted().map { file in
            let parts = file.split(separator: "_")
            let kind = try #require(MessageKind(rawValue: String(parts[1])), "\(file): unknown kind")
            return (kind, file, try Data(contentsOf: directory.appendingPathComponent(file)))
        }
    }

    private static func reencode<Body: MessageBody>(_ type: Body.Type, _ kind: MessageKind, _ body: Data) throws -> Data {
        JSONCoding.encode(try Envelope(kind: kind, requestID: "r", body: body).decodeBody(type))
    }

    @Test func everyRecordedBodyDecodesAndEncodesToTheSameBytes() throws {
        let recordings = try Self.recordings()
        #expect(recordings.count >= 50)
        for recording in recordings {
            let type = try #require(Self.types[recording.kind], "\(recording.file): no type for \(recording.kind.rawValue)")
            let again = try Self.reencode(type, recording.kind, recording.body)
            #expect(again == recording.body, "\(recording.file) re-encodes differently")
        }
    }

    @Test func recordingsCoverEveryQueryKindAndTheWritePath() throws {
        let kinds = Set(try Self.recordings().map(\.kind))
        for kind in MessageKind.allCases where kind.rawValue.hasPrefix("query.") && !kind.rawValue.hasPrefix("query.watch") && kind != .queryAlert {
            #expect(kinds.contains(kind), "no recording of \(kind.rawValue)")
        }
        #expect(kinds.isSuperset(of: [.indexPut, .indexStored, .indexMatch, .indexMatchReply, .error, .health, .healthReply]))
    }
}
