import Foundation

/// Low-level helpers over Unicode scalar values (`UInt32`). Hot paths avoid `String` entirely.
public enum Scalars {
    @inline(__always) static func isASCIILetter(_ v: UInt32) -> Bool { (v | 0x20) &- 0x61 < 26 }
    @inline(__always) static func isDigit(_ v: UInt32) -> Bool { v &- 0x30 < 10 }

    static func isLetter(_ v: UInt32) -> Bool {
        if v < 0x80 { return isASCIILetter(v) }
        if isApostrophe(v) { return false }
        guard let s = Unicode.Scalar(v) else { return false }
        return s.properties.isAlphabetic
    }
    @inline(__always) public static func isLetterOrDigit(_ v: UInt32) -> Bool {
        if v < 0x80 { return isASCIILetter(v) || isDigit(v) }
        return isLetter(v) || (Unicode.Scalar(v)?.properties.numericType != nil)
    }
    static func isUpper(_ v: UInt32) -> Bool {
        if v < 0x80 { return v &- 0x41 < 26 }
        guard let s = Unicode.Scalar(v) else { return false }
        return s.properties.isUppercase
    }
    static func isLower(_ v: UInt32) -> Bool {
        if v < 0x80 { return v &- 0x61 < 26 }
        guard let s = Unicode.Scalar(v) else { return false }
        return s.properties.isLowercase
    }
    /// Apostrophe-like marks: straight/curly apostrophes, modifier letters for ayn/hamza, backtick, acute, prime.
    @inline(__always) public static func isApostrophe(_ v: UInt32) -> Bool {
        switch v {
        case 0x27, 0x60, 0xB4, 0x2018, 0x2019, 0x201B, 0x2032, 0x02BB, 0x02BC, 0x02BE, 0x02BF, 0x02C8: return true
        default: return false
        }
    }
    @inline(__always) public static func isWhitespace(_ v: UInt32) -> Bool {
        switch v {
        case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0x85: return true
        default: return false
        }
    }
    @inline(__always) static func isLineBreak(_ v: UInt32) -> Bool { v == 0x0A || v == 0x0D || v == 0x2028 || v == 0x2029 || v == 0x85 }
    /// Hyphen-like joiners inside names (not the spaced punctuation dashes).
    @inline(__always) static func isHyphen(_ v: UInt32) -> Bool { v == 0x2D || (v >= 0x2010 && v <= 0x2012) || v == 0x2212 || v == 0xFE63 || v == 0xFF0D }
    @inline(__always) static func isDash(_ v: UInt32) -> Bool { v == 0x2013 || v == 0x2014 || v == 0x2015 }
    @inline(__always) static func isDoubleQuote(_ v: UInt32) -> Bool { v == 0x22 || v == 0x201C || v == 0x201D || v == 0x201E || v == 0xAB || v == 0xBB }

    /// Lower-case base letter with diacritics removed (ASCII when possible). 0 means "drop" (apostrophes, combining marks).
    @inline(__always) static func foldBase(_ v: UInt32) -> UInt32 {
        if v < 0x80 {
            if v &- 0x41 < 26 { return v | 0x20 }
            if v == 0x27 || v == 0x60 { return 0 }
            return v
        }
        if isApostrophe(v) { return 0 }
        if v >= 0x300 && v <= 0x36F { return 0 } // combining diacritics
        if v < 0x2000 {
            let m = FoldTable.table[Int(v)]
            if m != 0 { return m }
        }
        if let s = Unicode.Scalar(v), s.properties.isUppercase, let l = s.properties.lowercaseMapping.unicodeScalars.first { return l.value }
        return v
    }

    static func string(_ a: ArraySlice<UInt32>) -> String {
        a.withUnsafeBufferPointer { string($0) }
    }
    /// UTF-8 encodes scalar values straight into the new string's storage (no intermediate byte array).
    static func string(_ p: UnsafeBufferPointer<UInt32>) -> String {
        let n = p.count
        if n == 0 { return "" }
        var cap = 0
        for v in p { cap &+= v < 0x80 ? 1 : (v < 0x800 ? 2 : (v < 0x10000 ? 3 : 4)) }
        return String(unsafeUninitializedCapacity: cap) { out in
            var o = 0
            for v in p { o = writeUTF8(v, out, o) }
            return o
        }
    }
    @inline(__always) static func writeUTF8(_ v: UInt32, _ out: UnsafeMutableBufferPointer<UInt8>, _ o0: Int) -> Int {
        var o = o0
        if v < 0x80 { out[o] = UInt8(truncatingIfNeeded: v); o &+= 1 }
        else if v < 0x800 {
            out[o] = UInt8(truncatingIfNeeded: 0xC0 | (v >> 6)); out[o &+ 1] = UInt8(truncatingIfNeeded: 0x80 | (v & 0x3F)); o &+= 2
        } else if v < 0x10000 {
            out[o] = UInt8(truncatingIfNeeded: 0xE0 | (v >> 12)); out[o &+ 1] = UInt8(truncatingIfNeeded: 0x80 | ((v >> 6) & 0x3F))
            out[o &+ 2] = UInt8(truncatingIfNeeded: 0x80 | (v & 0x3F)); o &+= 3
        } else {
            out[o] = UInt8(truncatingIfNeeded: 0xF0 | (v >> 18)); out[o &+ 1] = UInt8(truncatingIfNeeded: 0x80 | ((v >> 12) & 0x3F))
            out[o &+ 2] = UInt8(truncatingIfNeeded: 0x80 | ((v >> 6) & 0x3F)); out[o &+ 3] = UInt8(truncatingIfNeeded: 0x80 | (v & 0x3F)); o &+= 4
        }
        return o
    }
    @inline(__always) static func utf8Length(_ v: UInt32) -> Int { v < 0x80 ? 1 : (v < 0x800 ? 2 : (v < 0x10000 ? 3 : 4)) }
    public static func array(_ s: String) -> [UInt32] {
        // native strings are contiguous, valid UTF-8: decode it directly
        if let r = s.utf8.withContiguousStorageIfAvailable({ p -> [UInt32] in
            let n = p.count
            return [UInt32](unsafeUninitializedCapacity: n) { out, count in
                var i = 0, o = 0
                while i < n {
                    let b0 = UInt32(p[i])
                    if b0 < 0x80 { out[o] = b0; i &+= 1 }
                    else if b0 < 0xE0 { out[o] = (b0 & 0x1F) << 6 | UInt32(p[i &+ 1] & 0x3F); i &+= 2 }
                    else if b0 < 0xF0 {
                        out[o] = (b0 & 0x0F) << 12 | UInt32(p[i &+ 1] & 0x3F) << 6 | UInt32(p[i &+ 2] & 0x3F); i &+= 3
                    } else {
                        out[o] = (b0 & 0x07) << 18 | UInt32(p[i &+ 1] & 0x3F) << 12 | UInt32(p[i &+ 2] & 0x3F) << 6 | UInt32(p[i &+ 3] & 0x3F); i &+= 4
                    }
                    o &+= 1
                }
                count = o
            }
        }) { return r }
        var out = [UInt32](); out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars { out.append(u.value) }
        return out
    }
}

/// Precomputed diacritic-folding table for U+0080..U+1FFF (built once with Foundation, then table lookups only).
enum FoldTable {
    static let table: [UInt32] = {
        var t = [UInt32](repeating: 0, count: 0x2000)
        for v in 0x80..<0x2000 {
            guard let s = Unicode.Scalar(UInt32(v)), s.properties.isAlphabetic else { continue }
            let f = String(Character(s)).folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
            let us = Array(f.unicodeScalars)
            if us.count == 1, us[0].value < 0x80, Scalars.isASCIILetter(us[0].value) { t[v] = us[0].value | 0x20 }
            else if us.count == 1 { t[v] = us[0].value }
        }
        // Letters Foundation leaves alone but transliterations treat as plain letters.
        t[0xDF] = 0x73 // ß
        t[0x131] = 0x69 // dotless i
        t[0x142] = 0x6C; t[0x141] = 0x6C // ł
        t[0xF8] = 0x6F; t[0xD8] = 0x6F // ø
        t[0xE6] = 0x61; t[0xC6] = 0x61 // æ
        return t
    }()
}
