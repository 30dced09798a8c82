import Foundation

/// A document's free tags as one SQLite column (ingest's and the index's `document.tags`): a JSON array of
/// strings, or NULL for none.
public enum TagsColumn {
    public static func value(_ tags: [String]?) -> String? {
        guard let tags, !tags.isEmpty, let data = try? JSONEncoder().encode(tags) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    public static func tags(_ column: String?) -> [String]? {
        guard let column, let tags = try? JSONDecoder().decode([String].self, from: Data(column.utf8)), !tags.isEmpty else { return nil }
        return tags
    }
}
