import Foundation

/// Fixture and data paths, resolved from this file so tests run from any working directory.
enum Paths {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let fixtures = testsDirectory.appendingPathComponent("Fixtures")
    /// The package root (…/Tests/SiftwireFormatsTests/TestSupport.swift → …).
    static let package = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
    /// Third-party data next to the repository (`../shared`), never copied into it.
    static let faKes = package.deletingLastPathComponent().appendingPathComponent("shared/data/news/fa-kes/FA-KES-Dataset.csv")

    static func fixture(_ path: String) throws -> String {
        try String(contentsOf: fixtures.appendingPathComponent(path), encoding: .utf8)
    }
}
