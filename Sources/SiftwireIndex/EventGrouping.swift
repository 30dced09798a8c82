import SiftwireExtraction
import SiftwireProtocol

/// Which claims are about one event, and whether their accounts of it disagree.
///
/// An event is a type and either a person (a person is killed or arrested once: claims about the same
/// person within the query's window are one event) or a place finer than a country (claims about the same
/// place within `placeWindowDays`: fighters of one group killed in separate operations are separate events;
/// "killed in Syria" makes no event of two reports). Accounts disagree when different claimants assert
/// different actors, when a party denies (or the text negates) an actor another asserts, or when different
/// outlets give tolls too far apart to be one count (a casualty dispute) of an incident told as coming about the
/// same way (`EventMeans`). Near-duplicate copies of one story
/// are one account.
enum EventGrouping {
    /// Claims about one place are one event when their dates are at most this far from the first.
    static let placeWindowDays = 1
    /// Two tolls dispute each other when the larger is at least this many times the smaller …
    static let figureRatio = 2.0
    /// … and at least this many people larger.
    static let figureGap = 3

    /// One stored claim as grouping reads it.
    struct EventClaim {
        var record: ClaimRecord
        var day: Int?
        var date: String?
        var story: String
        /// The document's source, else its story: whose toll a figure is.
        var outlet: String
        /// Who makes the claim: its speaker, else the outlet narrating it.
        var claimant: String
        var targetIsPerson: Bool
        var placeIsState: Bool
        /// How the claim's sentence says it came about (air strike, shelling, bombing …; empty: not said). Read
        /// only for claims with a toll, the only ones compared by it (`figuresDisputed`).
        var means: Set<EventMeans> = []
        var actor: String? { record.event?.actor?.entityID }
        var denied: Bool { record.polarity != .asserted }
        var figure: Int? { record.event?.quantity.flatMap(QuantityValue.of) }
    }

    enum EventKey: Hashable {
        case person(type: EventType, target: String)
        case place(type: EventType, location: String)
    }

    /// The event a claim belongs to, if it can be placed in one.
    static func key(_ c: EventClaim) -> EventKey? {
        guard let event = c.record.event else { return nil }
        if c.targetIsPerson, let target = event.target?.entityID { return .person(type: event.type, target: target) }
        if let place = event.location?.entityID, !c.placeIsState { return .place(type: event.type, location: place) }
        return nil
    }

    /// Claims split into events: by key, then into runs of dates no more than the key's window apart.
    static func events(_ claims: [EventClaim], windowDays: Int) -> [[EventClaim]] {
        var order: [EventKey] = []
        var byKey: [EventKey: [EventClaim]] = [:]
        for c in claims {
            guard let k = key(c) else { continue }
            if byKey[k] == nil { order.append(k) }
            byKey[k, default: []].append(c)
        }
        var out: [[EventClaim]] = []
        for k in order {
            let members = byKey[k]!.sorted { ($0.day ?? Int.max) < ($1.day ?? Int.max) }
            switch k {
            case .person: out += clusters(members, window: windowDays, undatedJoinFirst: true)
            case .place: out += clusters(members, window: min(windowDays, placeWindowDays), undatedJoinFirst: false, fromFirst: true)
            }
        }
        return out
    }

    /// Date-ordered claims split where consecutive dates are more than `window` days apart, or (`fromFirst`)
    /// where a date is more than `window` days after the first of its run: a city reported on every day of a
    /// siege is not one event.
    static func clusters(_ claims: [EventClaim], window: Int, undatedJoinFirst: Bool, fromFirst: Bool = false) -> [[EventClaim]] {
        var out: [[EventClaim]] = []
        var undated: [EventClaim] = []
        var last: Int? = nil
        for c in claims {
            guard let day = c.day else { undated.append(c); continue }
            if let l = last, day - l <= window { out[out.count - 1].append(c) } else { out.append([c]) }
            last = fromFirst ? out[out.count - 1][0].day : day
        }
        if undatedJoinFirst, !undated.isEmpty { if out.isEmpty { out = [undated] } else { out[0] += undated } }
        return out
    }

    /// Why the accounts of one event disagree (empty: they do not).
    static func reasons(_ event: [EventClaim]) -> [String] {
        var reasons: [String] = []
        if actorsConflict(event) { reasons.append("conflicting actors") }
        // claimants per asserted actor, for denials
        var claimantsOf: [String: Set<String>] = [:]
        for c in event where !c.denied { if let a = c.actor { claimantsOf[a, default: []].insert(c.claimant) } }
        // a denial of an actor that another claimant asserts
        let denials = event.filter { $0.denied && $0.actor != nil }
        if denials.contains(where: { d in claimantsOf[d.actor!].map { !$0.subtracting([d.claimant]).isEmpty } ?? false }) {
            reasons.append("denial")
        }
        if figuresDisputed(event) { reasons.append("different figures") }
        return reasons
    }

    /// Two actors asserted for the same target, each by a claimant that does not also name the other (one
    /// source naming both sides of a battle is no disagreement). In a place event the target must be the same
    /// named one: rebel rockets on one district and air strikes on another are two events in one city.
    static func actorsConflict(_ event: [EventClaim]) -> Bool {
        var claimantsOf: [String: [String: Set<String>]] = [:]   // target → actor → claimants
        for c in event where !c.denied {
            guard let a = c.actor else { continue }
            let target = c.record.event?.target?.entityID ?? (c.targetIsPerson ? "" : nil)
            guard let target else { continue }
            claimantsOf[target, default: [:]][a, default: []].insert(c.claimant)
        }
        for byActor in claimantsOf.values {
            let actors = byActor.keys.sorted()
            for (i, a) in actors.enumerated() {
                for b in actors[(i + 1)...] where !byActor[a]!.isSubset(of: byActor[b]!) && !byActor[b]!.isSubset(of: byActor[a]!) { return true }
            }
        }
        return false
    }

    /// Each outlet's toll (its stories' largest figure: a story's last word on the count), compared across outlets.
    static func outletFigures(_ event: [EventClaim]) -> [String: Int] {
        guard event.first?.record.event?.type == .kill else { return [:] }
        var figures: [String: Int] = [:]
        for c in event where !c.denied { if let f = c.figure, f > 0 { figures[c.outlet] = max(figures[c.outlet] ?? 0, f) } }
        return figures
    }

    /// Who a toll counts: civilians and fighters are different tolls of one event; "people" may be either.
    enum Victims { case people, civilians, fighters }
    static let civilianWords: Set<String> = ["civilians", "civilian", "children", "child", "women", "residents", "worshippers", "students", "patients"]
    static let fighterWords: Set<String> = ["fighters", "militants", "terrorists", "jihadists", "rebels", "soldiers", "troops", "gunmen",
                                             "members", "insurgents", "mercenaries", "combatants", "personnel", "officers"]

    static func victims(_ quantity: String?) -> Victims {
        for w in (quantity ?? "").lowercased().split(whereSeparator: { !$0.isLetter }) {
            if civilianWords.contains(String(w)) { return .civilians }
            if fighterWords.contains(String(w)) { return .fighters }
        }
        return .people
    }

    /// Two outlets' tolls of the same victims (or of people in general) too far apart to be one count.
    static func figuresDisputed(_ event: [EventClaim]) -> Bool {
        guard event.first?.record.event?.type == .kill else { return false }
        var tolls: [(outlet: String, victims: Victims, actor: String?, figure: Int, means: Set<EventMeans>)] = []
        for c in event where !c.denied {
            guard let f = c.figure, f > 0 else { continue }
            let v = victims(c.record.event?.quantity)
            if let i = tolls.firstIndex(where: { $0.outlet == c.outlet && $0.victims == v && $0.actor == c.actor && $0.means == c.means }) {
                tolls[i].figure = max(tolls[i].figure, f)
            } else {
                tolls.append((c.outlet, v, c.actor, f, c.means))
            }
        }
        // tolls of the same victims (people in general compare with either) by the same hand (or an unnamed one),
        // come about the same way (or in a way not said)
        for (i, a) in tolls.enumerated() {
            for b in tolls[(i + 1)...] where a.outlet != b.outlet && (a.victims == b.victims || a.victims == .people || b.victims == .people)
                && (a.actor == nil || b.actor == nil || a.actor == b.actor) && EventMeans.compatible(a.means, b.means) {
                let (lo, hi) = (min(a.figure, b.figure), max(a.figure, b.figure))
                if Double(hi) >= Double(lo) * figureRatio && hi - lo >= figureGap { return true }
            }
        }
        return false
    }
}
