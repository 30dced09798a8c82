import Foundation

/// A trained sequence tagger: hashed feature weights per BILOU tag, tag-transition weights, and where it came
/// from. Weights only: no training text is stored (features are hashed buckets).
public struct NERModel: Sendable {
    /// Feature buckets are `2^bits`.
    public let bits: Int
    /// `weights[bucket * 16 + tag - 1] * scale` for the 16 tags other than O. O's weights are folded into the others
    /// (subtracting the same amount from every tag of a token changes no path's rank), so a row is 32 bytes: one
    /// cache-line access per feature, and 16-bit weights keep the table small enough to stay in cache.
    let weights: [Int16]
    let scale: Float
    /// `transitions[prev * BILOU.count + next]`; row `BILOU.count` is the sequence start.
    let transitions: [Float]
    /// Free-form provenance: data, command, seed, epochs, scores (written beside the weights).
    public let provenance: [String: String]

    init(bits: Int, weights: [Int16], scale: Float, transitions: [Float], provenance: [String: String]) {
        self.bits = bits
        self.weights = weights
        self.scale = scale
        self.transitions = transitions
        self.provenance = provenance
    }

    static let rowWidth = 16

    /// Folds O into the other tags (row-wise `w[k] - w[O]`) and quantises the trained weights to 16 bits.
    init(bits: Int, trained: [Float], transitions: [Float], provenance: [String: String]) {
        let t = BILOU.count, r = Self.rowWidth
        let rows = trained.count / t
        var folded = [Float](repeating: 0, count: rows * r)
        var maxAbs: Float = 0
        for b in 0..<rows {
            let o = trained[b * t]
            for k in 1..<t {
                let v = trained[b * t + k] - o
                folded[b * r + k - 1] = v
                maxAbs = max(maxAbs, abs(v))
            }
        }
        let scale = maxAbs > 0 ? maxAbs / 32767 : 1
        self.init(bits: bits, weights: folded.map { Int16(($0 / scale).rounded()) }, scale: scale, transitions: transitions, provenance: provenance)
    }

    var features: TaggerFeatures { TaggerFeatures(bits: bits) }

    /// Best tag sequence for tokens `range` (Viterbi under BILOU constraints).
    func decode(_ feats: [UInt32], _ offsets: [Int32], _ range: Range<Int>) -> [Int] {
        let t = BILOU.count
        var emission = [Float](repeating: 0, count: range.count * t)
        weights.withUnsafeBufferPointer { w in
            feats.withUnsafeBufferPointer { f in
                let base = UnsafeRawPointer(w.baseAddress!)
                let stride = Self.rowWidth * MemoryLayout<Int16>.size
                for (j, i) in range.enumerated() {
                    var sum = SIMD16<Int32>()
                    for q in Int(offsets[i])..<Int(offsets[i + 1]) {
                        let row = base.loadUnaligned(fromByteOffset: Int(f[q]) &* stride, as: SIMD16<Int16>.self)
                        sum &+= SIMD16<Int32>(truncatingIfNeeded: row)
                    }
                    let scores = SIMD16<Float>(sum) * scale
                    for k in 0..<Self.rowWidth { emission[j * t + k + 1] = scores[k] }
                }
            }
        }
        return transitions.withUnsafeBufferPointer { Self.viterbi(emission, $0, range.count) }
    }

    /// Emission scores of tokens `range` under float weights (training).
    static func emissions(_ w: UnsafeBufferPointer<Float>, _ f: UnsafeBufferPointer<UInt32>, _ offsets: UnsafeBufferPointer<Int32>,
                          _ range: Range<Int>) -> [Float] {
        let t = BILOU.count
        var emission = [Float](repeating: 0, count: range.count * t)
        emission.withUnsafeMutableBufferPointer { em in
            for (j, i) in range.enumerated() {
                for q in Int(offsets[i])..<Int(offsets[i + 1]) {
                    let row = w.baseAddress! + Int(f[q]) &* t
                    for k in 0..<t { em[j * t + k] += row[k] }
                }
            }
        }
        return emission
    }

    /// Viterbi over `n` tokens' emission scores under BILOU constraints.
    static func viterbi(_ emission: [Float], _ tr: UnsafeBufferPointer<Float>, _ n: Int) -> [Int] {
        let t = BILOU.count
        if n == 0 { return [] }
        var score = [Float](repeating: 0, count: n * t)
        var back = [Int8](repeating: 0, count: n * t)
        let canStart = BILOU.canStart
        let predecessors = BILOU.predecessors
        score.withUnsafeMutableBufferPointer { sc in
            back.withUnsafeMutableBufferPointer { bk in
                for j in 0..<n {
                    for k in 0..<t {
                        var best = -Float.infinity
                        var arg = 0
                        if j == 0 {
                            if canStart[k] { best = tr[t * t + k] }
                        } else {
                            let prevRow = (j - 1) * t
                            for p in predecessors[k] {
                                let s = sc[prevRow + p] + tr[p * t + k]
                                if s > best { best = s; arg = p }
                            }
                        }
                        sc[j * t + k] = best + emission[j * t + k]
                        bk[j * t + k] = Int8(arg)
                    }
                }
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
    static let magic: [UInt8] = Array("SIFTNER2".utf8)

    struct Header: Codable {
        var bits: Int
        var featureVersion: Int
        var tags: Int
        var scale: Float
        var provenance: [String: String]
    }

    public func serialized() -> Data {
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
            let q = Int32(v)
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
        var weights = [Int16](repeating: 0, count: (1 << header.bits) * Self.rowWidth)
        var index = -1
        for _ in 0..<count {
            index += Int(try varint()) + 1
            let z = UInt32(truncatingIfNeeded: try varint())
            let q = Int32(bitPattern: (z >> 1) ^ (0 &- (z & 1)))
            guard index < weights.count, let value = Int16(exactly: q) else { throw NERModelError.notAModel("weight out of range") }
            weights[index] = value
        }
        self.init(bits: header.bits, weights: weights, scale: header.scale, transitions: transitions, provenance: header.provenance)
    }
}

extension NERModel {
    /// The feature templates this engine computes; a model trained on others is refused at load.
    public static var featureVersion: Int { TaggerFeatures.version }
}
