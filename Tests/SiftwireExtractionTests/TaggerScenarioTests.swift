import Foundation
import Testing
@testable import SiftwireExtraction

/// The sequence tagger: its tag scheme, its readers, its file format, its training, and the shipped model on
/// sentences of the kinds the rules alone got wrong (all text written for these tests).
@Suite struct TaggerScenarios {
    @Test func bilouTagsRoundTripThroughSpans() {
        let spans = [TypedSpan(start: 0, end: 1, kind: .person), TypedSpan(start: 2, end: 5, kind: .org), TypedSpan(start: 6, end: 8, kind: .location)]
        let tags = BILOU.tags(spans, count: 9)
        #expect(BILOU.spans(tags) == spans)
        for (prev, next) in zip([BILOU.count] + tags, tags) { #expect(BILOU.allowed[prev][next]) }
    }

    @Test func conllReaderTakesIOB1AndIOB2AndKeepsOffsets() {
        let conll = """
        -DOCSTART- -X- -X- O

        Mira NNP I-NP I-PER
        Haddad NNP I-NP I-PER
        visited VBD I-VP O
        Tartus NNP I-NP B-LOC
        Port NNP I-NP I-LOC
        . . O O

        """
        let docs = AnnotatedNews.conllDocuments(conll)
        #expect(docs.count == 1)
        let doc = AnnotatedNews.document(docs[0], scheme: .conll)
        #expect(doc.text == "Mira Haddad visited Tartus Port .")
        let scalars = Array(doc.text.unicodeScalars)
        let texts = doc.spans.map { String(String.UnicodeScalarView(scalars[$0.start..<$0.end])) }
        #expect(texts == ["Mira Haddad", "Tartus Port"])
        #expect(doc.spans.map(\.kind) == [.person, .location])
    }

    @Test func gmbPersonsLoseTheirTitlesAndAdjectivesAreNotPlaces() {
        let rows: [AnnotatedNews.TaggedToken] = [
            .init(word: "President", pos: "NNP", tag: "B-per"), .init(word: "Karam", pos: "NNP", tag: "I-per"),
            .init(word: "met", pos: "VBD", tag: "O"), .init(word: "Iraqi", pos: "JJ", tag: "B-gpe"),
            .init(word: "envoys", pos: "NNS", tag: "O"), .init(word: "in", pos: "IN", tag: "O"), .init(word: "Basra", pos: "NNP", tag: "B-geo"),
        ]
        let doc = AnnotatedNews.document([rows], scheme: .gmb)
        let scalars = Array(doc.text.unicodeScalars)
        let found = doc.spans.map { (String(String.UnicodeScalarView(scalars[$0.start..<$0.end])), $0.kind) }
        #expect(found.map(\.0) == ["Karam", "Iraqi", "Basra"])
        #expect(found.map(\.1) == [.person, .misc, .location])
    }

    /// A tiny corpus of our own: names after "Minister", places after "in", groups before "fighters".
    static func toyCorpus() -> [AnnotatedDocument] {
        let people = ["Salma Darwish", "Omar Khatib", "Rana Yousef", "Fadi Mansour", "Laila Hamid", "Karim Nasser"]
        let places = ["Qamishli", "Tartus", "Jableh", "Manbij", "Kobani", "Masyaf"]
        let groups = ["Liwa Shuhada", "Jaish Tahrir", "Ansar Furat", "Saraya Sham", "Katibat Nour", "Jund Badia"]
        var docs = [AnnotatedDocument]()
        for i in 0..<60 {
            let p = people[i % 6], l = places[(i / 6) % 6], g = groups[(i + 3) % 6]
            let text = "Minister \(p) spoke in \(l) after \(g) fighters left."
            func span(_ s: String, _ k: SpanKind) -> TypedSpan {
                let r = text.range(of: s)!
                let start = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: r.lowerBound)
                return TypedSpan(start: start, end: start + s.unicodeScalars.count, kind: k)
            }
            docs.append(AnnotatedDocument(text: text, spans: [span(p, .person), span(l, .location), span(g, .org)]))
        }
        return docs
    }

    @Test func trainingLearnsTheToyCorpusAndTheFileKeepsWhatItLearned() throws {
        let rules = ExtractionEngine(dictionary: [])
        let model = NERTrainer.train(Self.toyCorpus(), engine: rules, options: NERTrainingOptions(epochs: 5, seed: 7, bits: 14),
                                     provenance: ["id": "toy"])
        let reloaded = try NERModel(serialized: model.serialized())
        #expect(reloaded.provenance["id"] == "toy")
        // unseen names in the learned slots
        let x = rules.with(tagger: reloaded).extract(SourceDocument(text: "Minister Huda Sabbagh spoke in Afrin after Liwa Zawiya fighters left."))
        #expect(x.entity("Huda Sabbagh")?.type == .person)
        #expect(x.entity("Afrin")?.type == .location)
        #expect(x.entity("Liwa Zawiya")?.type == .org)
        // decoding is the same before and after the file
        let doc = "Minister Omar Khatib spoke in Tartus after Jund Badia fighters left."
        #expect(rules.with(tagger: model).extract(SourceDocument(text: doc)) == rules.with(tagger: reloaded).extract(SourceDocument(text: doc)))
    }

    @Test func trainingIsReproducibleFromItsSeed() {
        let rules = ExtractionEngine(dictionary: [])
        let a = NERTrainer.train(Self.toyCorpus(), engine: rules, options: NERTrainingOptions(epochs: 2, seed: 3, bits: 12))
        let b = NERTrainer.train(Self.toyCorpus(), engine: rules, options: NERTrainingOptions(epochs: 2, seed: 3, bits: 12))
        #expect(a.serialized() == b.serialized())
    }

    @Test func aFileThatIsNotAModelIsRefusedWithAReason() {
        #expect(throws: NERModelError.self) { try NERModel(serialized: Data("not a model".utf8)) }
        var truncated = ExtractionEngine(dictionary: []).tagger.map { $0.serialized() } ?? Data("SIFTNER2".utf8)
        truncated.append(contentsOf: [0xFF, 0xFF, 0xFF, 0x7F])
        #expect(throws: NERModelError.self) { try NERModel(serialized: truncated) }
    }

    @Test func theShippedTaggerKnowsTheWorldOutsideTheDictionary() throws {
        try #require(bundledTagger != nil, "the model resource ships with the package")
        let raw = """
        Talks resume

        Officials from Indonesia and Norway met in Oslo on Tuesday, while Royal Air Force jets flew over Southern Lebanon. \
        Abu Talha al-Almani was reported dead near the border, according to Reuters News Agency. \
        The meeting ended on Christmas Eve in London.
        """
        let x = extract(raw)
        #expect(offsetsAreExact(x, raw))
        for place in ["Indonesia", "Norway", "Oslo", "Southern Lebanon", "London"] { #expect(x.entity(place)?.type == .location, "\(place)") }
        #expect(x.entity("Royal Air Force")?.type == .org)
        #expect(x.entity("Reuters News Agency")?.type == .org)
        #expect(x.entity("Abu Talha al-Almani")?.type == .person)
        #expect(x.entity("Christmas Eve") == nil)
    }

    @Test func dictionaryStrengthsSurviveTheTagger() throws {
        try #require(bundledTagger != nil)
        let x = extract("HTS and the SDF traded fire while ISIS cells struck Deir ez-Zor. Abu Mohamed al-Jolani, also written al-Golani, spoke in Idleb.")
        #expect(x.entity("HTS")?.id == "org:hts")
        #expect(x.entity("SDF")?.id == "org:sdf")
        #expect(x.entity("ISIS")?.id == "org:isis")
        #expect(x.entity("Abu Mohamed al-Jolani")?.id == "person:julani")
        #expect(x.entity("al-Golani")?.id == "person:julani")
        #expect(x.entity("Idleb")?.id == "loc:idlib")
    }
}
