import SiftwireExtract
import SiftwireExtraction
import SiftwireEvaluation

/// The generated corpus every benchmark and `siftwire corpus` use: `ExtractionBenchmark.syntheticCorpus`
/// naming the shipped seed dictionary's actors, so all of them measure the same articles for a seed.
public enum BenchCorpus {
    public static func articles(_ documents: Int, seed: UInt64) throws -> [String] {
        ExtractionBenchmark.syntheticCorpus(documents: documents, seed: seed, entries: try SeedDictionary.load().entries)
    }
}
