/// A cardinal from a claim's quantity text ("more than 100 fighters" → 100, "four people" → 4, "1,300" → 1300);
/// nil for vague amounts ("dozens", "scores").
public enum QuantityValue {
    static let units: [String: Int] = [
        "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
        "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
        "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
        "seventy": 70, "eighty": 80, "ninety": 90,
    ]

    public static func of(_ text: String) -> Int? {
        let words = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "\n" })
        var value: Int? = nil
        var i = 0
        while i < words.count {
            let w = words[i].filter { $0 != "," }
            if let n = Int(w) {
                var v = n
                if i + 1 < words.count, words[i + 1] == "hundred" { v *= 100; i += 1 }
                if i + 1 < words.count, words[i + 1] == "thousand" { v *= 1000; i += 1 }
                return v
            }
            if let u = units[w] {
                var v = (value ?? 0) + u
                // "twenty one", "two hundred", "three thousand"
                if i + 1 < words.count, let u2 = units[String(words[i + 1])], u2 < 10, u >= 20 { v += u2; i += 1 }
                if i + 1 < words.count, words[i + 1] == "hundred" { v *= 100; i += 1 }
                if i + 1 < words.count, words[i + 1] == "thousand" { v *= 1000; i += 1 }
                value = v
                return value
            }
            if w == "a" || w == "an", i + 1 < words.count, words[i + 1] == "hundred" || words[i + 1] == "thousand" {
                return words[i + 1] == "hundred" ? 100 : 1000
            }
            i += 1
        }
        return value
    }
}
