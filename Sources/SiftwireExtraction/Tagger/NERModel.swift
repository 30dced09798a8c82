import Foundation

/// A trained sequence tagger: hashed feature weights per BILOU tag, tag-transition weights, and where it came
/// from. Weights only: no training text is stored (features are hashed buckets).
public struct NERModel: Sendable {
    /// Feature buckets are `2^bits`.
    public let bits: Int
    /// `weights[bucket * BILOU.count + tag]`.
    let weights: [Float]
    /// `transitions[prev * BILOU.count + next]`; row `BILOU.count` is the sequence start.
    let transitions: [Float]
    /// Free-form provenance: data, command, seed, epochs, scores (written beside the weights).
    public let provenance: [String: String]

    init(bits: Int, weights: [Float], transitions: [Float], provenance: [String: String]) {
        self.bits = bits
        self.weights = weights
        self.transitions = transitions
        self.provenance = provenance
    }

    var features: TaggerFeatures { TaggerFeatures(bits: bits) }

    /// Best tag sequence for tokens `range` (Viterbi under BILOU constraints).
    func decode(_ feats: [UInt32], _ offsets: [Int32], _ range: Range<Int>) -> [Int] {
        weights.withUnsafeBufferPointer { w in
            transitions.withUnsafeBufferPointer { tr in
                feats.withUnsafeBufferPointer { f in
                    offsets.withUnsafeBufferPointer { o in Self.viterbi(w, tr, f, o, range) }
                }
            }
        }
    }

    static func viterbi(_ w: UnsafeBufferPointer<Float>, _ tr: UnsafeBufferPointer<Float>, _ f: UnsafeBufferPointer<UInt32>,
                        _ offsets: UnsafeBufferPointer<Int32>, _ range: Range<Int>) -> [Int] {
        let t = BILOU.count
        let n = range.count
        if n == 0 { return [] }
        var score = [Float](repeating: 0, count: n * t)
        var back = [Int8](repeating: 0, count: n * t)
        var emission = [Float](repeating: 0, count: t)
        let allowed = BILOU.allowed
        for (j, i) in range.enumerated() {
            for k in 0..<t { emission[k] = 0 }
            for q in Int(offsets[i])..<Int(offsets[i + 1]) {
                let base = Int(f[q]) &* t
                for k in 0..<t { emission[k] += w[base + k] }
            }
            for k in 0..<t {
                var best = -Float.infinity
                var arg = 0
                if j == 0 {
                    if allowed[t][k] { best = tr[t * t + k] }
                } else {
                    for p in 0..<t where allowed[p][k] {
                        let s = score[(j - 1) * t + p] + tr[p * t + k]
                        if s > best { best = s; arg = p }
                    }
                }
                score[j * t + k] = best + emission[k]
                back[j * t + k] = Int8(arg)
            }
        }
        var best = -Float.infinity
        var arg = 0
        for k in 0..<t where BILOU.canEnd(k) && score[(n - 1) * t + k] > best { best = score[(n - 1) * t + k]; arg = k }
        var tags = [Int](repeating: 0, count: n)
        tags[n - 1] = arg
        var j = n - 1
        while j > 0 { tags[j - 1] = Int(back[j * t + tags[j]]); j -= 1 }
        return tags
    }
}

/// Errors reading a model file.
public enum NERModelError: Error, CustomStringConvertible, Sendable {
    case notAModel(String)
    case unsupported(String)
    public var description: String {
        switch self {
        case .notAModel(let why): "not a Siftwire tagger model: \(why)"
        case .unsupported(let why): "unsupported tagger model: \(why)"
        }
    }
}

/// The model file: magic, a JSON header (bits, feature version, tag count, weight scale, provenance), the
/// transition weights as Float32, then the non-zero feature weights quantised to 16 bits, each as a varint gap
/// from the previous non-zero index and a zig-zag varint value. All integers little-endian.
extension NERModel {
    static let magic: [UInt8] = Array("SIFTNER1".utf8)

    struct Header: Codable {
        var bits: Int
        var featureVersion: Int
        var tags: Int
        var scale: Float
        var provenance: [String: String]
    }

    public func serialized() -> Data {
        var maxAbs: Float = 0
        for v in weights { maxAbs = max(maxAbs, abs(v)) }
        let scale = maxAbs > 0 ? maxAbs / 32767 : 1
        let header = Header(bits: bits, featureVersion: TaggerFeatures.version, tags: BILOU.count, scale: scale, provenance: provenance)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = (try? encoder.encode(header)) ?? Data()
        var out = Data(Self.magic)
        func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        func varint(_ v: UInt64) {
            var x = v
            while x >= 0x80 { out.append(UInt8(x & 0x7F) | 0x80); x >>= 7 }
            out.append(UInt8(x))
        }
        u32(UInt32(json.count))
        out.append(json)
        for v in transitions { u32(v.bitPattern) }
        var last = -1
        var count = 0
        var body = Data()
        swap(&out, &body)
        for (i, v) in weights.enumerated() {
            let q = Int32((v / scale).rounded())
            if q == 0 { continue }
            varint(UInt64(i - last - 1))
            varint(UInt64(UInt32(bitPattern: (q << 1) ^ (q >> 31))))
            last = i
            count += 1
        }
        swap(&out, &body)
        u32(UInt32(count))
        out.append(body)
        return out
    }

    public init(serialized data: Data) throws {
        let bytes = [UInt8](data)
        var p = 0
        guard bytes.count >= Self.magic.count + 4, Array(bytes[0..<Self.magic.count]) == Self.magic else { throw NERModelError.notAModel("bad magic") }
        p = Self.magic.count
        func u32() throws -> UInt32 {
            guard p + 4 <= bytes.count else { throw NERModelError.notAModel("truncated") }
            let v = UInt32(bytes[p]) | UInt32(bytes[p + 1]) << 8 | UInt32(bytes[p + 2]) << 16 | UInt32(bytes[p + 3]) << 24
            p += 4
            return v
        }
        func varint() throws -> UInt64 {
            var v: UInt64 = 0, shift: UInt64 = 0
            while true {
                guard p < bytes.count, shift < 64 else { throw NERModelError.notAModel("truncated weights") }
                let b = bytes[p]; p += 1
                v |= UInt64(b & 0x7F) << shift
                if b < 0x80 { return v }
                shift += 7
            }
        }
        let jsonLength = Int(try u32())
        guard p + jsonLength <= bytes.count else { throw NERModelError.notAModel("truncated header") }
        let header: Header
        do { header = try JSONDecoder().decode(Header.self, from: Data(bytes[p..<(p + jsonLength)])) } catch {
            throw NERModelError.notAModel("unreadable header")
        }
        p += jsonLength
        guard header.tags == BILOU.count else { throw NERModelError.unsupported("\(header.tags) tags, expected \(BILOU.count)") }
        guard header.featureVersion == TaggerFeatures.version else {
            throw NERModelError.unsupported("feature version \(header.featureVersion), this engine computes version \(TaggerFeatures.version)")
        }
        guard (10...24).contains(header.bits) else { throw NERModelError.unsupported("\(header.bits) feature bits") }
        var transitions = [Float](repeating: 0, count: (BILOU.count + 1) * BILOU.count)
        for i in transitions.indices { transitions[i] = Float(bitPattern: try u32()) }
        let count = Int(try u32())
        var weights = [Float](repeating: 0, count: (1 << header.bits) * BILOU.count)
        var index = -1
        for _ in 0..<count {
            index += Int(try varint()) + 1
            let z = UInt32(truncatingIfNeeded: try varint())
            let q = Int32(bitPattern: (z >> 1) ^ (0 &- (z & 1)))
            guard index < weights.count else { throw NERModelError.notAModel("weight index out of range") }
            weights[index] = Float(q) * header.scale
        }
        self.init(bits: header.bits, weights: weights, transitions: transitions, provenance: header.provenance)
    }
}

extension NERModel {
    /// The feature templates this engine computes; a model trained on others is refused at load.
    public static var featureVersion: Int { TaggerFeatures.version }
}
