/// How a toll came about, as the claim's own sentence says: two tolls of one place and day told as an air strike
/// and as a car bomb are two incidents, not one disputed count.
enum EventMeans: String, CaseIterable, Sendable {
    case air, shelling, bombing, chemical, ground, execution

    /// Words (lower case) that name each means. A word may stand for one means only.
    static let words: [String: EventMeans] = {
        var out: [String: EventMeans] = [:]
        func add(_ means: EventMeans, _ list: String) { for w in list.split(separator: " ") { out[String(w)] = means } }
        add(.air, "airstrike airstrikes air-strike air-strikes raid raids warplane warplanes jets jet aircraft helicopter helicopters airplanes planes bombers aerial")
        add(.shelling, "shell shells shelling shelled mortar mortars rocket rockets artillery missile missiles projectile projectiles grad")
        add(.bombing, "bomb bombs bomber bombers bombing bombings suicide explosion explosions blast blasts explosive explosives ied detonated detonation booby-trapped")
        add(.chemical, "chemical gas sarin chlorine toxic nerve poison")
        add(.ground, "clashes clash fighting battle battles ambush ambushed assault offensive sniper snipers gunfire gunmen stormed")
        add(.execution, "executed execution executions beheaded beheading")
        // "air strike(s)", "barrel bomb(s)": the air's, not a bomber's
        out["bombers"] = .air
        return out
    }()

    /// The means a sentence names (empty when it names none). "air strikes" and "barrel bombs" are from the air.
    static func of(_ sentence: String) -> Set<EventMeans> {
        var found: Set<EventMeans> = []
        var previous = ""
        for raw in sentence.lowercased().split(whereSeparator: { !$0.isLetter && $0 != "-" }) {
            let w = String(raw)
            if (previous == "air" && (w == "strike" || w == "strikes" || w == "raid" || w == "raids" || w == "attack" || w == "attacks"))
                || (previous == "barrel" && (w == "bomb" || w == "bombs")) {
                found.insert(.air)
            } else if let m = words[w] {
                found.insert(m)
            }
            previous = w
        }
        return found
    }

    /// Two accounts can be of one incident unless both name how it came about and they name nothing in common.
    static func compatible(_ a: Set<EventMeans>, _ b: Set<EventMeans>) -> Bool {
        a.isEmpty || b.isEmpty || !a.isDisjoint(with: b)
    }
}
