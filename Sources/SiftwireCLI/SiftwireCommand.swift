import SiftwireBench
import ArgumentParser

/// `siftwire`: the command-line client and local launcher.
public struct SiftwireCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "siftwire",
        abstract: "Turn a stream of conflict news into something an analyst can question.",
        subcommands: [
            UpCommand.self, DemoCommand.self, IngestFilesCommand.self, QueryGroup.self, CurateGroup.self, WatchGroup.self, StatusCommand.self,
            RetryCommand.self, ReprocessCommand.self, KeygenCommand.self, ExtractFilesCommand.self, EvalCommand.self, TrainGroup.self, CorpusCommand.self, HealthCommand.self, BenchGroup.self, DictionaryGroup.self, FeedsGroup.self,
            UsersGroup.self,
        ])

    public init() {}
}
