import Foundation
import Testing
import SiftwireExtraction
import SiftwireProtocol
@testable import SiftwireIndex

/// Near-duplicate stories: MinHash over word 4-shingles, threshold 0.5, measured on pairs written
/// here (syndicated copies, and different stories on the same subject), then grouped at index time
/// and collapsed in search.
@Suite("Near-duplicate stories: detection measured on written pairs, grouping and collapsed search")
struct NearDuplicateTests {
    static let wire = """
        Government forces and their allies shelled several villages in the southern countryside of Idlib on Tuesday, \
        killing at least nine civilians, including three children, according to local rescue workers. \
        The White Helmets said its teams pulled survivors from the rubble of two houses in Kafranbel and took the \
        wounded to a field hospital near Maarat al-Numan.

        Residents said the bombardment began before dawn and continued for several hours. Many families had already \
        fled north toward the Turkish border, where camps are overcrowded and short of tents, clean water and bread.

        A spokesman for the armed opposition accused Damascus and Moscow of violating the ceasefire agreed last month. \
        There was no immediate comment from the Syrian government, which says it targets only terrorist groups.

        The United Nations said on Monday that more than 200,000 people had been displaced in the province since the \
        start of the year and called on all parties to protect civilians and allow aid convoys through.
        """
    static var paragraphs: [String] { wire.components(separatedBy: "\n\n") }

    /// Copies of `wire` as other outlets publish it.
    static var copies: [(String, String)] {
        [
            ("the same text", wire),
            ("last paragraph trimmed", paragraphs.dropLast().joined(separator: "\n\n")),
            ("first paragraph trimmed", paragraphs.dropFirst().joined(separator: "\n\n")),
            ("outlet boilerplate around it", "BEIRUT (Levant Wire) – " + wire
                + "\n\nFollow us on social media. Subscribe to our newsletter for daily updates from Syria and the region. All rights reserved."),
            ("a few words edited", wire.replacingOccurrences(of: "at least nine civilians", with: "at least 10 civilians")
                .replacingOccurrences(of: "on Tuesday", with: "on Tuesday morning")
                .replacingOccurrences(of: "several hours", with: "many hours")),
            ("two paragraphs swapped", [paragraphs[1], paragraphs[0], paragraphs[2], paragraphs[3]].joined(separator: "\n\n")),
            ("half the story", paragraphs.prefix(2).joined(separator: "\n\n")),
            ("boilerplate and a trimmed paragraph", "Last updated 12:04. " + paragraphs.dropLast().joined(separator: "\n\n")
                + "\nShare this article: Facebook Twitter WhatsApp Email. Read more: latest news from Idlib."),
        ]
    }

    /// Different stories on the same subject, in the same vocabulary.
    static var others: [(String, String)] {
        [
            ("another strike on Idlib", """
                Russian warplanes struck a market in the town of Saraqib in Idlib province on Thursday, killing at least \
                twelve people, a war monitor said. The Syrian Observatory for Human Rights said the dead included four women. \
                Rescue workers searched the ruins of shops for survivors while residents buried the dead in the afternoon.
                """),
            ("displacement report", """
                The United Nations refugee agency said tens of thousands of people fled southern Idlib in the past week, \
                many of them sleeping in the open near the Turkish border. Aid groups warned that camps lacked tents, \
                heating fuel and medicine as winter approached and called for more funding from donors.
                """),
            ("ceasefire diplomacy", """
                Turkey and Russia agreed in Sochi to set up a demilitarised zone around Idlib, the Turkish foreign minister \
                said on Monday. Heavy weapons would be withdrawn by both the armed opposition and government forces within \
                a month, and joint patrols would monitor the line, according to the text of the memorandum.
                """),
            ("government statement", """
                The Syrian Foreign Ministry sent two letters to the United Nations Security Council saying that terrorist \
                groups in Idlib had shelled residential neighbourhoods of Aleppo and Hama. The ministry said the army would \
                continue to fight terrorism in all its forms and called on the council to condemn the attacks.
                """),
            ("the wire story's first paragraph only, inside a long roundup", paragraphs[0] + """
                 In other news, the central bank raised interest rates to fight inflation, the football league postponed \
                its weekend matches because of the weather, a new museum of modern art opened in Istanbul, exporters \
                reported record olive oil sales to Europe, and the health ministry launched a vaccination campaign for \
                children in the northern provinces ahead of the school year, officials said in statements on Sunday.
                """),
            ("rescue workers profile", """
                Volunteers of the Syria Civil Defence, known as the White Helmets, have pulled thousands of people from \
                collapsed buildings since 2013. In interviews in Idlib, team leaders described working without heavy \
                machinery and said several of their centres had been hit by air strikes in recent months.
                """),
        ]
    }

    @Test func precisionAndRecallOnWrittenPairs() throws {
        let original = try #require(NearDuplicateSignature(text: Self.wire))
        var truePositives = 0, falseNegatives = 0, falsePositives = 0, trueNegatives = 0
        var report: [String] = []
        for (name, text) in Self.copies {
            let s = try #require(NearDuplicateSignature(text: text)).similarity(to: original)
            report.append(String(format: "copy  %.2f %@", s, name))
            if s >= NearDuplicateSignature.threshold { truePositives += 1 } else { falseNegatives += 1 }
        }
        for (name, text) in Self.others {
            let s = try #require(NearDuplicateSignature(text: text)).similarity(to: original)
            report.append(String(format: "other %.2f %@", s, name))
            if s >= NearDuplicateSignature.threshold { falsePositives += 1 } else { trueNegatives += 1 }
        }
        let precision = Double(truePositives) / Double(max(1, truePositives + falsePositives))
        let recall = Double(truePositives) / Double(truePositives + falseNegatives)
        print("near-duplicates at threshold \(NearDuplicateSignature.threshold): precision \(precision), recall \(recall)\n" + report.joined(separator: "\n"))
        #expect(precision == 1, "\(report)")
        #expect(recall >= 0.85, "\(report)")
    }

    @Test func shortTextsAreNeverGroupedAndSignaturesRoundTrip() throws {
        #expect(NearDuplicateSignature(text: "Idlib shelled.") == nil)
        let s = try #require(NearDuplicateSignature(text: Self.wire))
        #expect(NearDuplicateSignature(bytes: s.bytes) == s)
        #expect(s.bandKeys.count == NearDuplicateSignature.bands)
    }

    static func put(_ id: String, _ text: String, source: String) -> IndexPut {
        IndexPut(document: IndexedDocument(id: id, hash: "h-\(id)", title: "Title \(id)", text: text, source: source, date: "2019-05-0\(id.count)"),
                 extraction: Extraction(title: "Title \(id)", date: nil, entities: [], dates: []), workerID: "w")
    }

    @Test func copiesAreGroupedAtIndexTimeAndCollapsedInSearch() throws {
        let store = try IndexStore(path: nil)
        #expect(try store.search(SearchQuery(text: "Idlib")).hits.isEmpty)
        _ = try store.write([Self.put("a", Self.wire, source: "Wire")])
        _ = try store.write([Self.put("bb", Self.copies[3].1, source: "Levant"), Self.put("ccc", Self.others[0].1, source: "Monitor"),
                             Self.put("dddd", Self.copies[1].1, source: "Daily")])
        let collapsed = try store.search(SearchQuery(text: "Idlib"))
        #expect(collapsed.total == 2, "\(collapsed.hits)")
        let story = try #require(collapsed.hits.first { $0.copies != nil })
        #expect(story.copies == 3 && story.story == "a")
        let all = try store.search(SearchQuery(text: "Idlib", allCopies: true))
        #expect(all.total == 4 && all.hits.allSatisfy { $0.copies == nil })
        // Filters apply before collapsing: one outlet's copy alone is not collapsed.
        let levant = try store.search(SearchQuery(text: "Idlib", source: "Levant"))
        #expect(levant.hits.map(\.id) == ["bb"] && levant.hits[0].copies == nil)
    }
}
