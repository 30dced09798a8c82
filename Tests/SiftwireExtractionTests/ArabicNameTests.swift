import Foundation
import Testing
@testable import SiftwireExtraction

@Suite("Arabic name structure: parts, the compatibility relation, corpus links, the name-pair set")
struct ArabicNameTests {
    func roles(_ name: String) -> [String] { ArabicName(name).parts.map { "\($0.role.rawValue):\($0.text)" } }

    @Test func partsOfANameAreKunyaIsmNasabNisbahAndLaqab() {
        #expect(roles("Abu al-Hussein al-Husseini al-Qurashi") == ["kunya:Abu al-Hussein", "nisbah:al-Husseini", "nisbah:al-Qurashi"])
        #expect(roles("Ibrahim Awad Ibrahim al-Badri") == ["ism:Ibrahim", "nasab:Awad", "nasab:Ibrahim", "nisbah:al-Badri"])
        #expect(roles("Mohammed bin Salman Al Saud") == ["ism:Mohammed", "nasab:Salman", "nisbah:al-Saud"])
        #expect(roles("Abu Jaber Hashem al-Sheikh") == ["kunya:Abu Jaber", "ism:Hashem", "nisbah:al-Sheikh"])
        #expect(roles("Hajj Radwan") == ["laqab:Radwan"])
        #expect(roles("Sayyed Hassan Nasrallah") == ["ism:Hassan", "nisbah:Nasrallah"])
        #expect(roles("Qurashi") == ["nisbah:Qurashi"])
        let name = ArabicName("Umm Sayyaf al-Iraqiya")
        #expect(name.kunya?.key.hasPrefix("umm:") == true && name.nisbahs.count == 1)
    }

    @Test func spellingArticleAndHyphenationVariantsAreEquivalent() {
        for (a, b) in [("Abu Mohammad al-Julani", "Abu Muhammad al-Jawlani"), ("Abu Mohammad al-Julani", "Abu Mohammed al-Golani"),
                       ("Bashar al-Assad", "Bashar Al Assad"), ("Muqtada al-Sadr", "Muqtada as-Sadr"), ("Bashar al-Assad", "Bashar Assad"),
                       ("Rami Abdelrahman", "Rami Abdel Rahman"), ("Abd al-Rahman al-Qaduli", "Abdul Rahman al-Qaduli"),
                       ("Issam Zahreddine", "Issam Zahr al-Din"), ("Abu-al-Hussein al-Husseini", "Abu al-Hussein al-Husseini"),
                       ("Abu Mohammad al-Julani", "Abu Mohammad al–Julani"), ("Osama bin Laden", "Osama ibn Laden"),
                       ("Qassem Soleimani", "Ghasem Soleimani"), ("Abu Hudhayfa al-Ansari", "Abu Huthaifa al-Ansari"),
                       ("Umm Khaled al-Halabi", "Umm Khalid al-Halabiya"), ("Abu Yasser al-Saleh", "Abu Yasir al-Salih")] {
            #expect(ArabicName.relation(a, b) == .equivalent, "\(a) | \(b)")
        }
    }

    @Test func aShorterFormInsideALongerOneInOrderIsContained() {
        #expect(ArabicName.relation("Abu al-Hussein al-Husseini", "Abu al-Hussein al-Husseini al-Qurashi") == .contained)
        #expect(ArabicName.relation("Abu Ibrahim al-Hashimi al-Qurashi", "Abu Ibrahim al-Qurashi") == .contained)
        #expect(ArabicName.relation("Ibrahim Awad Ibrahim al-Badri", "Ibrahim al-Badri") == .contained)
        #expect(ArabicName.relation("Hashem al-Sheikh", "Abu Jaber Hashem al-Sheikh") == .contained)
        #expect(ArabicName.relation("Usama bin Muhammad bin Laden", "Osama bin Laden") == .contained)
        #expect(ArabicName.relation("Abu Ibrahim", "Abu Ibrahim al-Hashimi al-Qurashi") == .kunyaOnly)
        #expect(ArabicName.relation("Qurashi", "Abu al-Hussein al-Husseini al-Qurashi") == .bareNisbah)
        #expect(ArabicName.relation("Abdel Rahman", "Rami Abdel Rahman") == .bareNisbah)
    }

    @Test func swapsFathersSonsBrothersAndNearSpellingsAreDifferent() {
        for (a, b) in [("Abu Bakr al-Baghdadi", "Abu Bakr al-Iraqi"), ("Abu Ibrahim al-Hashimi al-Qurashi", "Abu Ibrahim al-Hashimi al-Iraqi"),
                       ("Hafez al-Assad", "Bashar al-Assad"), ("Bashar Hafez al-Assad", "Hafez Bashar al-Assad"),
                       ("Ibrahim Awad Ibrahim al-Badri", "Awad Ibrahim al-Badri"), ("Ahmed Hussein al-Sharaa", "Hussein al-Sharaa"),
                       ("Khalifa bin Hamad Al Thani", "Hamad bin Khalifa Al Thani"), ("Mohammed bin Zayed", "Abdullah bin Zayed"),
                       ("Abu Mohammad al-Julani", "Abu Mohammad al-Adnani"), ("Abu Khalid", "Umm Khalid"),
                       ("Raed al-Saleh", "Abu Yasser al-Saleh"), ("Hashem al-Sheikh", "Hisham al-Sheikh"),
                       ("Jamil Hassan", "Jamil Hussein"), ("Abu al-Hasan al-Qurashi", "Abu al-Hussein al-Qurashi"),
                       ("Hassan", "Hassan Nasrallah"), ("Salman", "Mohammed bin Salman")] {
            #expect(ArabicName.relation(a, b) == .different, "\(a) | \(b)")
        }
    }

    @Test func bareFormsLinkOnlyToTheirSoleCarrier() {
        let corpus = ["Abu al-Hussein al-Husseini al-Qurashi", "Recep Tayyip Erdogan", "Hay'at Tahrir al-Sham"].map(ArabicName.init)
        #expect(ArabicName.uniqueCarrier(of: ArabicName("Qurashi"), in: corpus) == 0)
        let two = corpus + [ArabicName("Abu Ibrahim al-Hashimi al-Qurashi")]
        #expect(ArabicName.uniqueCarrier(of: ArabicName("al-Qurashi"), in: two) == nil)
        // two people sharing a kunya: the bare kunya stays apart
        let kunyas = ["Abu Mohammad al-Julani", "Abu Mohammad al-Adnani"].map(ArabicName.init)
        #expect(ArabicName.uniqueCarrier(of: ArabicName("Abu Mohammad"), in: kunyas) == nil)
        #expect(ArabicName.uniqueCarrier(of: ArabicName("Abu Mohammad"), in: [kunyas[0]]) == 0)
        // the corpus already holding the bare form as someone counts as a second carrier
        #expect(ArabicName.uniqueCarrier(of: ArabicName("Kobani"), in: ["Mazloum Kobani", "Kobani"].map(ArabicName.init)) == nil)
    }

    @Test func theNamePairSetHoldsItsFloors() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("realdev/namepairs/pairs.jsonl"), encoding: .utf8)
        let pairs = try NamePair.parse(text)
        #expect(pairs.count >= 300)
        let report = NamePairReport.evaluate(pairs, linker: NameLinker())
        #expect(report.withoutAliasKnowledge.precision >= 0.97, "\(report.table(title: "pairs"))")
        #expect(report.withoutAliasKnowledge.recall >= 0.90, "\(report.table(title: "pairs"))")
    }
}

@Suite("Engine: in-document names inside one fuller name")
struct ArabicNameEngineTests {
    @Test func aShorterNameInsideTheOnlyFullerNameOfTheDocumentJoinsIt() {
        let x = extract("The Islamic State named Abu Ibrahim al-Hashimi al-Qurashi as its new leader. A spokesman said Abu Ibrahim al-Qurashi would lead the group.")
        let leader = x.entity("Abu Ibrahim al-Qurashi")
        #expect(leader?.id == "person:hashimi-ibrahim")
        #expect(leader?.mentions.map(\.text) == ["Abu Ibrahim al-Hashimi al-Qurashi", "Abu Ibrahim al-Qurashi"])
    }

    @Test func twoFullerCarriersOrASwappedNisbahKeepItApart() {
        let two = extract("Abu Omar al-Halabi al-Ansari and Abu Omar al-Halabi al-Shami met in Idlib. Later Abu Omar al-Halabi spoke.")
        #expect(two.entity("Abu Omar al-Halabi")?.mentions.count == 1)
        let swap = extract("Abu Khattab al-Idlibi met Abu Khattab al-Hamawi al-Ansari in Idlib.")
        #expect(swap.entity("Abu Khattab al-Idlibi")?.id != swap.entity("Abu Khattab al-Hamawi al-Ansari")?.id)
    }

    @Test func theFathersNameInsideTheSonsIsNotTheSon() {
        let x = extract("Commander Khaled Mahmoud al-Hamadi met reporters in Idlib on Monday. His father Mahmoud al-Hamadi was killed in 2015.")
        #expect(x.entity("Khaled Mahmoud al-Hamadi")?.mentions.count == 1)
        #expect(x.entity("Mahmoud al-Hamadi")?.id == "person:mhmud-al-hmdi")
        // a Western middle name still shortens: no article, no father
        let y = extract("Recep Tayyip Erdogan spoke in Ankara. Tayyip Erdogan later left.")
        #expect(y.entity("Tayyip Erdogan")?.id == y.entity("Recep Tayyip Erdogan")?.id)
    }
}
