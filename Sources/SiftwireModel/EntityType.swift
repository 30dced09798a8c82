/// The kinds of entity the engine reports. PERSON, ORG and LOCATION are the judged ones.
public enum EntityType: String, Codable, Sendable, CaseIterable, Hashable {
    case person = "PERSON"
    case org = "ORG"
    case location = "LOCATION"
    case norp = "NORP"
}
