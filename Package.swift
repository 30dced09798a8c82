// swift-tools-version:6.1
import PackageDescription

/// What every service library builds on.
let serviceDependencies: [Target.Dependency] = [
    "SiftwireRuntime", "SiftwireProtocol", "SiftwireMessaging",
    .product(name: "GRDB", package: "GRDB.swift"),
    .product(name: "Logging", package: "swift-log"),
    .product(name: "ArgumentParser", package: "swift-argument-parser"),
]

let package = Package(
    name: "Siftwire",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "siftwire", targets: ["siftwire"]),
        .executable(name: "siftwire-ingest", targets: ["siftwire-ingest"]),
        .executable(name: "siftwire-extract", targets: ["siftwire-extract"]),
        .executable(name: "siftwire-index", targets: ["siftwire-index"]),
        .executable(name: "siftwire-query", targets: ["siftwire-query"]),
        .executable(name: "siftwire-feeds", targets: ["siftwire-feeds"]),
        .executable(name: "siftwire-web", targets: ["siftwire-web"]),
        .library(name: "SiftwireExtraction", targets: ["SiftwireExtraction"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        // The one C shim: libzmq through pkg-config.
        .systemLibrary(
            name: "CZeroMQ",
            pkgConfig: "libzmq",
            providers: [.apt(["libzmq3-dev"])]
        ),
        // Sockets, multipart frames, poller, timeouts, CURVE keys and the ZAP handler.
        .target(name: "SiftwireMessaging", dependencies: ["SiftwireModel", "CZeroMQ", .product(name: "Logging", package: "swift-log")]),
        // The values that cross service boundaries: document, extraction result, entity, claim, limits, frames.
        .target(name: "SiftwireModel"),
        // Versioned envelope, message kinds, Codable payloads, error codes. Neither the engine nor libzmq.
        .target(name: "SiftwireProtocol", dependencies: ["SiftwireModel"]),
        // Pure extraction engine: no I/O, no sockets.
        .target(name: "SiftwireExtraction", dependencies: ["SiftwireModel"],
                // optimised in debug builds too: the tests run the real pipeline, and an unoptimised tagger is ten times slower
                swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]),
        // Gold files and scoring against them, the synthetic corpus, engine throughput: around the engine, not in it.
        .target(name: "SiftwireEvaluation", dependencies: ["SiftwireExtraction"]),
        // Input formats: JSON Lines, CSV, HTML pages, RSS/Atom feeds, Markdown with front matter,
        // each read into DocumentRecords. Pure: Foundation only, no XMLParser (static release build).
        .target(name: "SiftwireFormats"),
        // Demo corpus, seed actor dictionary, development set (text written by us).
        .target(name: "SiftwireResources", resources: [.copy("Resources")]),
        // Seeded mutators and sample messages for fuzz tests and `siftwire fuzz`.
        .target(name: "SiftwireFuzzing", dependencies: ["SiftwireProtocol", "SiftwireMessaging", "SiftwireExtraction"]),
        // Shared service plumbing: configuration, logging, store opening, the socket loop as a Service.
        .target(name: "SiftwireRuntime", dependencies: [
            "SiftwireModel", "SiftwireMessaging", "SiftwireProtocol",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        .target(name: "SiftwireIngest", dependencies: serviceDependencies),
        .target(name: "SiftwireExtract", dependencies: serviceDependencies + ["SiftwireExtraction", "SiftwireResources"]),
        .target(name: "SiftwireIndex", dependencies: serviceDependencies + [
            "SiftwireExtraction",
            // sqlite3_progress_handler, for the read time limit.
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
        ]),
        .target(name: "SiftwireQuery", dependencies: serviceDependencies),
        // The feed poller: feed URLs and seen items in its own store, conditional GETs, items to ingest.
        .target(name: "SiftwireFeeds", dependencies: serviceDependencies + ["SiftwireFormats"]),
        // Terminal output shared by the commands: tables, a progress bar, JSON printing, command failures.
        .target(name: "SiftwireConsole", dependencies: ["SiftwireProtocol"]),
        // The typed client of a running stack (CLI, tests, the web service): ingest and query.
        .target(name: "SiftwireClient", dependencies: ["SiftwireProtocol", "SiftwireMessaging", "SiftwireRuntime", "SiftwireConsole"]),
        // Launching a local stack of the real executables: `siftwire up`, tests, benchmarks.
        .target(name: "SiftwireStack", dependencies: ["SiftwireClient", "SiftwireProtocol", "SiftwireMessaging", "SiftwireRuntime"]),
        // The benchmark commands: extraction, index, pipeline, query, recovery and CURVE cost; the generated corpus.
        // The web workbench's accounts, sessions and API tokens in its own SQLite store (scrypt-hashed passwords).
        .target(name: "SiftwireAccounts", dependencies: [
            "SiftwireRuntime",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "_CryptoExtras", package: "swift-crypto"),
        ]),
        // The web workbench: server-rendered HTML pages over the query service, sign-in, roles, CSRF.
        .target(name: "SiftwireWeb", dependencies: [
            "SiftwireAccounts", "SiftwireClient", "SiftwireProtocol", "SiftwireRuntime", "SiftwireFormats", "SiftwireMessaging",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ],
                // optimised in debug builds too: the graph layout is O(iterations × nodes²) per entity page
                swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]),
        .target(name: "SiftwireBench", dependencies: serviceDependencies + [
            "SiftwireClient", "SiftwireStack", "SiftwireConsole", "SiftwireExtraction", "SiftwireEvaluation", "SiftwireExtract", "SiftwireIndex",
        ]),
        .target(name: "SiftwireCLI", dependencies: serviceDependencies + [
            "SiftwireClient", "SiftwireStack", "SiftwireConsole", "SiftwireBench", "SiftwireEvaluation",
            "SiftwireExtraction", "SiftwireResources", "SiftwireExtract", "SiftwireIndex", "SiftwireFormats",
            "SiftwireAccounts",
        ]),
        .executableTarget(name: "siftwire-ingest", dependencies: ["SiftwireIngest"]),
        .executableTarget(name: "siftwire-extract", dependencies: ["SiftwireExtract"]),
        .executableTarget(name: "siftwire-index", dependencies: ["SiftwireIndex"]),
        .executableTarget(name: "siftwire-query", dependencies: ["SiftwireQuery"]),
        .executableTarget(name: "siftwire-feeds", dependencies: ["SiftwireFeeds"]),
        .executableTarget(name: "siftwire", dependencies: ["SiftwireCLI"]),
        .executableTarget(name: "siftwire-web", dependencies: ["SiftwireWeb"]),

        .testTarget(name: "SiftwireMessagingTests", dependencies: ["SiftwireMessaging", "SiftwireModel", .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "SiftwireProtocolTests", dependencies: ["SiftwireProtocol", "SiftwireFuzzing"],
                    exclude: ["WireV1"]),
        .testTarget(name: "SiftwireExtractionTests", dependencies: ["SiftwireExtraction", "SiftwireEvaluation", "SiftwireResources", "SiftwireFuzzing"]),
        .testTarget(name: "SiftwireFormatsTests", dependencies: ["SiftwireFormats"], exclude: ["Fixtures"]),
        .testTarget(name: "SiftwireStoreTests", dependencies: ["SiftwireIngest", "SiftwireIndex", "SiftwireQuery", "SiftwireExtract", "SiftwireFeeds"]),
        .testTarget(name: "SiftwireWebTests", dependencies: [
            "SiftwireWeb", "SiftwireAccounts", "SiftwireProtocol",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
        ]),
        .testTarget(name: "SiftwireIntegrationTests", dependencies: [
            "SiftwireCLI", "SiftwireClient", "SiftwireStack", "SiftwireBench", "SiftwireEvaluation", "SiftwireResources", "SiftwireFuzzing",
            "SiftwireExtract",
            .product(name: "GRDB", package: "GRDB.swift"),
        ], exclude: ["Fixtures"]),
    ]
)

// A clean build: every warning in our own targets is an error (dependencies are not affected).
for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + [.unsafeFlags(["-warnings-as-errors"])]
}
