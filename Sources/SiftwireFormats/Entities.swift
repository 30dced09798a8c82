/// Character references in HTML and XML text: named (`&amp;`, `&nbsp;`, `&eacute;`…, the ones news
/// pages use), decimal (`&#8217;`) and hexadecimal (`&#x2019;`). Numeric references in 128–159 are
/// read as Windows-1252, as browsers do; an unknown or malformed reference is kept as written.
public enum Entities {
    public static func decode(_ s: String) -> String {
        guard s.utf8.contains(UInt8(ascii: "&")) else { return s }
        return decode(Array(s.utf8)[...])
    }

    static func decode(_ b: ArraySlice<UInt8>) -> String {
        var out = String.UnicodeScalarView()
        var plainStart = b.startIndex
        var i = b.startIndex
        func flush(_ end: Int) {
            if plainStart < end { out.append(contentsOf: String(decoding: b[plainStart..<end], as: UTF8.self).unicodeScalars) }
        }
        while i < b.endIndex {
            guard b[i] == UInt8(ascii: "&") else { i += 1; continue }
            if let (scalars, next) = reference(b, at: i) {
                flush(i)
                out.append(contentsOf: scalars)
                i = next
                plainStart = i
            } else {
                i += 1
            }
        }
        flush(b.endIndex)
        return String(out)
    }

    /// The scalars of the reference starting at `start` (an `&`) and the index after it.
    static func reference(_ b: ArraySlice<UInt8>, at start: Int) -> ([Unicode.Scalar], Int)? {
        var i = start + 1
        guard i < b.endIndex else { return nil }
        if b[i] == UInt8(ascii: "#") {
            i += 1
            var hex = false
            if i < b.endIndex, b[i] | 0x20 == UInt8(ascii: "x") { hex = true; i += 1 }
            var value: UInt32 = 0
            let digitsStart = i
            while i < b.endIndex, i - digitsStart < 8, let d = digit(b[i], hex: hex) {
                value = value * (hex ? 16 : 10) + d
                i += 1
            }
            guard i > digitsStart else { return nil }
            if i < b.endIndex, b[i] == UInt8(ascii: ";") { i += 1 }
            if (128...159).contains(value), let mapped = windows1252[value] { value = mapped }
            guard value != 0, let scalar = Unicode.Scalar(value) else { return ([Unicode.Scalar(0xFFFD)!], i) }
            return ([scalar], i)
        }
        let nameStart = i
        while i < b.endIndex, i - nameStart < 32,
              (b[i] | 0x20 >= UInt8(ascii: "a") && b[i] | 0x20 <= UInt8(ascii: "z")) || (b[i] >= UInt8(ascii: "0") && b[i] <= UInt8(ascii: "9")) {
            i += 1
        }
        guard i > nameStart else { return nil }
        let name = String(decoding: b[nameStart..<i], as: UTF8.self)
        if i < b.endIndex, b[i] == UInt8(ascii: ";"), let value = named[name] {
            return (Array(value.unicodeScalars), i + 1)
        }
        // The few references pages write without the semicolon.
        if let value = named[name], ["amp", "lt", "gt", "quot", "nbsp", "AMP", "LT", "GT"].contains(name) {
            return (Array(value.unicodeScalars), i)
        }
        return nil
    }

    static func digit(_ c: UInt8, hex: Bool) -> UInt32? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(c - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: UInt32(c - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: UInt32(c - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    static let windows1252: [UInt32: UInt32] = [
        128: 0x20AC, 130: 0x201A, 131: 0x0192, 132: 0x201E, 133: 0x2026, 134: 0x2020, 135: 0x2021, 136: 0x02C6,
        137: 0x2030, 138: 0x0160, 139: 0x2039, 140: 0x0152, 142: 0x017D, 145: 0x2018, 146: 0x2019, 147: 0x201C,
        148: 0x201D, 149: 0x2022, 150: 0x2013, 151: 0x2014, 152: 0x02DC, 153: 0x2122, 154: 0x0161, 155: 0x203A,
        156: 0x0153, 158: 0x017E, 159: 0x0178,
    ]

    static let named: [String: String] = {
        var table: [String: String] = [
            "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}",
            "AMP": "&", "LT": "<", "GT": ">", "QUOT": "\"",
            "ndash": "\u{2013}", "mdash": "\u{2014}", "minus": "\u{2212}", "hellip": "\u{2026}",
            "lsquo": "\u{2018}", "rsquo": "\u{2019}", "sbquo": "\u{201A}", "ldquo": "\u{201C}", "rdquo": "\u{201D}",
            "bdquo": "\u{201E}", "laquo": "\u{00AB}", "raquo": "\u{00BB}", "lsaquo": "\u{2039}", "rsaquo": "\u{203A}",
            "prime": "\u{2032}", "Prime": "\u{2033}", "bull": "\u{2022}", "middot": "\u{00B7}", "dagger": "\u{2020}",
            "Dagger": "\u{2021}", "permil": "\u{2030}", "copy": "\u{00A9}", "reg": "\u{00AE}", "trade": "\u{2122}",
            "deg": "\u{00B0}", "plusmn": "\u{00B1}", "times": "\u{00D7}", "divide": "\u{00F7}", "frac12": "\u{00BD}",
            "frac14": "\u{00BC}", "frac34": "\u{00BE}", "sup2": "\u{00B2}", "sup3": "\u{00B3}", "micro": "\u{00B5}",
            "para": "\u{00B6}", "sect": "\u{00A7}", "cent": "\u{00A2}", "pound": "\u{00A3}", "euro": "\u{20AC}",
            "yen": "\u{00A5}", "curren": "\u{00A4}", "iexcl": "\u{00A1}", "iquest": "\u{00BF}", "shy": "\u{00AD}",
            "ordf": "\u{00AA}", "ordm": "\u{00BA}", "not": "\u{00AC}", "macr": "\u{00AF}", "acute": "\u{00B4}",
            "cedil": "\u{00B8}", "uml": "\u{00A8}", "brvbar": "\u{00A6}", "sup1": "\u{00B9}",
            "thinsp": "\u{2009}", "ensp": "\u{2002}", "emsp": "\u{2003}", "zwnj": "\u{200C}", "zwj": "\u{200D}",
            "lrm": "\u{200E}", "rlm": "\u{200F}", "larr": "\u{2190}", "rarr": "\u{2192}", "uarr": "\u{2191}",
            "darr": "\u{2193}", "harr": "\u{2194}", "szlig": "\u{00DF}", "OElig": "\u{0152}", "oelig": "\u{0153}",
            "Scaron": "\u{0160}", "scaron": "\u{0161}", "Yuml": "\u{0178}", "fnof": "\u{0192}", "circ": "\u{02C6}",
            "tilde": "\u{02DC}", "alpha": "\u{03B1}", "beta": "\u{03B2}", "gamma": "\u{03B3}", "delta": "\u{03B4}",
            "pi": "\u{03C0}", "sigma": "\u{03C3}", "omega": "\u{03C9}", "Delta": "\u{0394}", "Omega": "\u{03A9}",
            "ETH": "\u{00D0}", "eth": "\u{00F0}", "THORN": "\u{00DE}", "thorn": "\u{00FE}",
        ]
        // Latin-1 letters with diacritics: &Agrave; … &yuml;, generated from their code points.
        let marks: [(String, [(Character, UInt32)])] = [
            ("grave", [("A", 0xC0), ("E", 0xC8), ("I", 0xCC), ("O", 0xD2), ("U", 0xD9), ("a", 0xE0), ("e", 0xE8), ("i", 0xEC), ("o", 0xF2), ("u", 0xF9)]),
            ("acute", [("A", 0xC1), ("E", 0xC9), ("I", 0xCD), ("O", 0xD3), ("U", 0xDA), ("Y", 0xDD), ("a", 0xE1), ("e", 0xE9), ("i", 0xED), ("o", 0xF3), ("u", 0xFA), ("y", 0xFD)]),
            ("circ", [("A", 0xC2), ("E", 0xCA), ("I", 0xCE), ("O", 0xD4), ("U", 0xDB), ("a", 0xE2), ("e", 0xEA), ("i", 0xEE), ("o", 0xF4), ("u", 0xFB)]),
            ("tilde", [("A", 0xC3), ("N", 0xD1), ("O", 0xD5), ("a", 0xE3), ("n", 0xF1), ("o", 0xF5)]),
            ("uml", [("A", 0xC4), ("E", 0xCB), ("I", 0xCF), ("O", 0xD6), ("U", 0xDC), ("a", 0xE4), ("e", 0xEB), ("i", 0xEF), ("o", 0xF6), ("u", 0xFC), ("y", 0xFF)]),
            ("ring", [("A", 0xC5), ("a", 0xE5)]),
            ("cedil", [("C", 0xC7), ("c", 0xE7)]),
            ("slash", [("O", 0xD8), ("o", 0xF8)]),
        ]
        for (mark, letters) in marks {
            for (letter, code) in letters { table["\(letter)\(mark)"] = String(Unicode.Scalar(code)!) }
        }
        table["AElig"] = "\u{00C6}"
        table["aelig"] = "\u{00E6}"
        return table
    }()
}
