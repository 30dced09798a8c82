import Foundation

/// How many inputs a fuzz run tries: `SIFTWIRE_FUZZ_ITERATIONS` when set (what `make fuzz` does),
/// else a CI default chosen to take a few seconds; `SIFTWIRE_FUZZ_SEED` changes the seed.
public enum FuzzBudget {
    public static func iterations(default fallback: Int) -> Int {
        ProcessInfo.processInfo.environment["SIFTWIRE_FUZZ_ITERATIONS"].flatMap { Int($0) }.map { max(1, $0) } ?? fallback
    }

    public static func seed(_ fallback: UInt64) -> UInt64 {
        ProcessInfo.processInfo.environment["SIFTWIRE_FUZZ_SEED"].flatMap { UInt64($0) } ?? fallback
    }

    /// A wall-clock cap for one target, so a slow machine stays bounded (`SIFTWIRE_FUZZ_SECONDS`).
    public static func seconds(default fallback: Double) -> Duration {
        let seconds = ProcessInfo.processInfo.environment["SIFTWIRE_FUZZ_SECONDS"].flatMap { Double($0) } ?? fallback
        return .milliseconds(Int(max(0.1, min(seconds, 86_400)) * 1000))
    }
}
