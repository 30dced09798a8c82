/// Sizes every service agrees on for what a document and its extraction may carry.
public enum ModelLimits {
    /// Longest id (document, hash, entity, worker), in UTF-8 bytes.
    public static let maxIDBytes = 256
    /// Longest title, entity name, alias or mention text, in UTF-8 bytes.
    public static let maxNameBytes = 4096
}
