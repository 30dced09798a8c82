/// A document with gold spans, for training or scoring the tagger. Offsets are code points into `text`.
public struct AnnotatedDocument: Sendable {
    public var text: String
    public var spans: [TypedSpan]
    public init(text: String, spans: [TypedSpan]) { self.text = text; self.spans = spans }
}

/// Training settings; the defaults are what `make train` uses.
public struct NERTrainingOptions: Sendable {
    public var epochs = 10
    public var seed: UInt64 = 1
    public var bits = 18
    public init(epochs: Int = 10, seed: UInt64 = 1, bits: Int = 18) { self.epochs = epochs; self.seed = seed; self.bits = bits }
}

/// Averaged structured perceptron over BILOU tags with Viterbi decoding (Collins 2002), trained on sentences.
public enum NERTrainer {
    /// One training sequence: feature buckets per token and gold tags.
    struct Sequence {
        var feats: [UInt32]
        var offsets: [Int32]
        var gold: [Int]
    }

    /// Turns documents into sentence sequences with gold tags, through the engine's own tokenizer and matchers,
    /// exactly as extraction will see text.
    static func sequences(_ docs: [AnnotatedDocument], engine: ExtractionEngine, bits: Int) -> [Sequence] {
        let features = TaggerFeatures(bits: bits)
        var out = [Sequence]()
        for doc in docs {
            let (input, rt) = engine.taggerInput(doc.text)
            let toks = input.toks
            let tokenSpans = tokenSpans(doc.spans, toks: toks, rt: rt)
            let tags = BILOU.tags(tokenSpans, count: toks.count)
            var feats = [UInt32]()
            var offsets = [Int32]()
            feats.reserveCapacity(toks.count * 48)
            features.extract(input, into: &feats, offsets: &offsets)
            for range in sentenceRanges(toks) {
                let base = Int(offsets[range.lowerBound])
                let f = Array(feats[base..<Int(offsets[range.upperBound])])
                let o = offsets[range.lowerBound...range.upperBound].map { $0 - Int32(base) }
                out.append(Sequence(feats: f, offsets: o, gold: Array(tags[range])))
            }
        }
        return out
    }

    /// Gold code-point spans as token spans: the tokens whose raw extent lies inside the span.
    static func tokenSpans(_ spans: [TypedSpan], toks: [Token], rt: RepairedText) -> [TypedSpan] {
        var out = [TypedSpan]()
        let starts = toks.map { rt.rawRange(Int($0.start), Int($0.end)) }
        for s in spans.sorted(by: { $0.start < $1.start }) {
            var first = -1, last = -1
            for (k, r) in starts.enumerated() where r.lowerBound < s.end && r.upperBound > s.start {
                if first < 0 { first = k }
                last = k
            }
            guard first >= 0 else { continue }
            if let prev = out.last, prev.end > first { continue }
            out.append(TypedSpan(start: first, end: last + 1, kind: s.kind))
        }
        return out
    }

    /// Sentence ranges of a token array: a new sentence at every hard break or sentence end.
    static func sentenceRanges(_ toks: [Token]) -> [Range<Int>] {
        var out = [Range<Int>]()
        var s = 0
        for k in 1..<max(1, toks.count) where toks[k].gap & (Token.gHard | Token.gSentence) != 0 {
            out.append(s..<k); s = k
        }
        if s < toks.count { out.append(s..<toks.count) }
        return out
    }

    public static func train(_ docs: [AnnotatedDocument], engine: ExtractionEngine, options: NERTrainingOptions = NERTrainingOptions(),
                             provenance: [String: String] = [:], progress: (Int, Int, Double) -> Void = { _, _, _ in }) -> NERModel {
        let data = sequences(docs, engine: engine, bits: options.bits)
        let t = BILOU.count
        let size = (1 << options.bits) * t
        var w = [Float](repeating: 0, count: size)
        var u = [Float](repeating: 0, count: size)          // sum of c·update, for averaging
        var tw = [Float](repeating: 0, count: (t + 1) * t)
        var tu = [Float](repeating: 0, count: (t + 1) * t)
        var c: Float = 1
        var rng = SeededRandom(seed: options.seed)
        var order = Array(data.indices)
        for epoch in 1...max(1, options.epochs) {
            for i in stride(from: order.count - 1, to: 0, by: -1) {
                let j = Int(rng.next() % UInt64(i + 1))
                order.swapAt(i, j)
            }
            var wrongTokens = 0, tokens = 0
            for si in order {
                let seq = data[si]
                let n = seq.gold.count
                tokens += n
                let emission = w.withUnsafeBufferPointer { wp in
                    seq.feats.withUnsafeBufferPointer { f in
                        seq.offsets.withUnsafeBufferPointer { o in NERModel.emissions(wp, f, o, 0..<n) }
                    }
                }
                let pred = tw.withUnsafeBufferPointer { NERModel.viterbi(emission, $0, n) }
                if pred != seq.gold {
                    w.withUnsafeMutableBufferPointer { wp in
                        u.withUnsafeMutableBufferPointer { up in
                            for i in 0..<n where pred[i] != seq.gold[i] {
                                wrongTokens += 1
                                for q in Int(seq.offsets[i])..<Int(seq.offsets[i + 1]) {
                                    let base = Int(seq.feats[q]) * t
                                    wp[base + seq.gold[i]] += 1; up[base + seq.gold[i]] += c
                                    wp[base + pred[i]] -= 1; up[base + pred[i]] -= c
                                }
                            }
                        }
                    }
                    for i in 0..<n {
                        let gp = i == 0 ? t : seq.gold[i - 1], pp = i == 0 ? t : pred[i - 1]
                        if gp == pp && seq.gold[i] == pred[i] { continue }
                        tw[gp * t + seq.gold[i]] += 1; tu[gp * t + seq.gold[i]] += c
                        tw[pp * t + pred[i]] -= 1; tu[pp * t + pred[i]] -= c
                    }
                }
                c += 1
            }
            progress(epoch, options.epochs, tokens > 0 ? Double(wrongTokens) / Double(tokens) : 0)
        }
        for i in 0..<size { w[i] -= u[i] / c }
        for i in tw.indices { tw[i] -= tu[i] / c }
        return NERModel(bits: options.bits, trained: w, transitions: tw, provenance: provenance)
    }
}
