/// Transliteration-aware matching keys for names (never displayed).
///
/// The key of a name is the space-joined list of its word keys. Each word is
/// 1. case- and diacritic-folded, with apostrophes, ayn and hamza marks dropped (Hay'at -> hayat, Qa'ida -> qaida);
/// 2. an Arabic definite article (al, el, and the sun-letter forms ash-/ad-/ar-/as-/at-/az-/an-/ez-/ud-… when
///    hyphen-joined) becomes `al`; ibn/bin/ben become `bn`;
/// 3. doubled letters collapse, q becomes k, a word-initial g becomes j (Golani/Julani);
/// 4. vowels are reduced to a skeleton: a word-initial vowel becomes `a` (a/e/i) or `u` (o/u), interior a/e/i and
///    ay/ey diphthongs are dropped, interior o/u/ou/oo/aw become one `u`, and a final vowel run keeps its class
///    (`a` for -a/-ah/-eh/-aa, `i` for -i/-e/-y/-ee, `u` for -u/-o/-ou).
/// All-capital words of up to six letters (acronyms) are kept literally.
///
/// So Muhammad/Mohamed/Mohammed/Mohammad/Mohamad -> `muhmd`, Julani/Jolani/Golani -> `julni`,
/// Qurashi/Qurayshi -> `kurshi`, Husseini/Husayni/Hussaini -> `husni`, Idlib/Idleb -> `adlb`,
/// Nusra/Nusrah -> `nusra`, Hay'at/Hayat/Hayaat -> `hyt`, Qaeda/Qaida/Qa'ida -> `kda`.
public enum MatchingKey {
    public static func key(_ name: String) -> String {
        let s = Scalars.array(name)
        let tokens = Tokenizer.tokenize(s)
        var parts = [String]()
        parts.reserveCapacity(tokens.count)
        for (k, t) in tokens.enumerated() {
            let nextHyphen = k + 1 < tokens.count && tokens[k + 1].hyphenJoined
            parts.append(Tokenizer.keyString(s, t, nextHyphen: nextHyphen))
        }
        return parts.joined(separator: " ")
    }

    /// Key used inside cross-document ids: leading articles and "the" removed, words joined by "-".
    static func idKey(_ name: String) -> String {
        var parts = key(name).split(separator: " ").map(String.init)
        while let f = parts.first, parts.count > 1, f == "al" || f == "th" { parts.removeFirst() }
        return parts.joined(separator: "-")
    }
}
