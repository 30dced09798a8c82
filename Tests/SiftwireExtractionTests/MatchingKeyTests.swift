import Testing
@testable import SiftwireExtraction

@Suite struct MatchingKeyTests {
    static let groups: [[String]] = [
        ["Muhammad", "Mohamed", "Mohammed", "Mohammad", "Mohamad"],
        ["al-Julani", "al-Jolani", "al-Golani", "Al Julani"],
        ["al-Qurashi", "al-Qurayshi", "al-Quraishi"],
        ["al-Husseini", "al-Husayni", "al-Hussaini"],
        ["Idlib", "Idleb", "Edlib"],
        ["Nusra", "Nusrah"],
        ["Hay'at Tahrir al-Sham", "Hayat Tahrir al-Sham", "Hayaat Tahrir al-Sham", "Hay’at Tahrir al Sham", "Hayʾat Tahrir ash-Sham"],
        ["al-Qaeda", "al-Qaida", "al-Qa'ida", "Al Qaeda", "al-Qāʿida"],
        ["Ahrar al-Sham", "Ahrar ash-Sham", "Ahrar al Sham", "Ahrar Al-Sham"],
        ["al-Bab", "Al Bab", "Al-Bab"],
        ["Deir ez-Zor", "Deir al-Zour", "Deir el-Zor", "Dayr az-Zawr"],
        ["Abu Mohammad al-Julani", "Abu Mohamed al-Jolani", "Abou Muhammad al-Golani"],
        ["Hurras al-Din", "Hurras ad-Din", "Horas al-Deen"],
        ["Kobani", "Kobane"],
        ["Hasakah", "Hasaka", "Hassakeh"],
    ]

    @Test func transliterationVariantsShareOneKey() {
        for group in Self.groups {
            let keys = Set(group.map(MatchingKey.key))
            #expect(keys.count == 1, "\(group) -> \(keys)")
        }
    }

    @Test func unrelatedNamesHaveDifferentKeys() {
        let names = ["Hasan", "Hussein", "Idlib", "Aleppo", "Hama", "Homs", "Hamas", "Iran", "Iraq", "al-Sham", "al-Shami",
                     "Abu al-Hasan al-Hashimi al-Qurashi", "Abu al-Hussein al-Husseini al-Qurashi", "Abu Hafs al-Hashimi al-Qurashi",
                     "Abu Ibrahim al-Hashimi al-Qurashi", "Raqqa", "Daraa", "Syria", "Syrian", "ISIS", "ISIL"]
        let keys = names.map(MatchingKey.key)
        #expect(Set(keys).count == names.count, "\(Array(zip(names, keys)))")
    }

    @Test func keyIsCaseAndDiacriticInsensitive() {
        #expect(MatchingKey.key("ERDOĞAN") == MatchingKey.key("Erdogan"))
        #expect(MatchingKey.key("Ḥamāh") == MatchingKey.key("Hama"))
    }
}
