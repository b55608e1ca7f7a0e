// swift-tools-version: 6.1
import PackageDescription

// Layers, lowest first (docs/architecture.md):
//   CCurl        C shim over libcurl, OpenSSL and zlib (non-variadic setopt, RS256, gzip)
//   CSpawn       posix_spawn for the programs gcpctl starts (credential helpers, git)
//   Processes    ChildProcess over CSpawn, for gcpctl, the emulator (PostgreSQL) and tests
//   CBuildInfo   the commit and build time `make release` embeds (gcpctl version)
//   GoogleCloud  transport, credentials, errors, retries, operations, one file per API
//   GCPCtlKit    environments, resource kinds, planner, executor, terminal output
//   gcpctl       argument parsing only
//   GCPEmulator  a local fake of the Google APIs, written from Google's documentation

// `make release` passes the commit and the build time in GCPCTL_BUILD_COMMIT and
// GCPCTL_BUILD_DATE; they become C defines of CBuildInfo alone (only its one file is
// rebuilt when they change). A plain `swift build` has neither: `gcpctl version` says
// "unknown commit". Only characters of a commit or an RFC 3339 time are let through.
let buildInfoDefines: [CSetting] = ["GCPCTL_BUILD_COMMIT", "GCPCTL_BUILD_DATE"].compactMap { name in
    guard let value = Context.environment[name], !value.isEmpty,
          value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-:.+".contains($0)) }) else { return nil }
    return .define(name, to: "\"\(value)\"")
}

let package = Package(
    name: "gcpctl",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "gcpctl", targets: ["gcpctl"]),
        .executable(name: "gcp-emulator", targets: ["gcp-emulator"]),
        .library(name: "GoogleCloud", targets: ["GoogleCloud"]),
        .library(name: "GCPCtlKit", targets: ["GCPCtlKit"]),
        .library(name: "GCPEmulator", targets: ["GCPEmulator"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.0.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.0"),
    ],
    targets: [
        .target(
            name: "CCurl",
            // libcurl is not linked: Sources/CCurl/curl_loader.c opens it on first use, so a
            // command that sends no request (--help, version) starts without its ~25 libraries.
            linkerSettings: [.linkedLibrary("dl"), .linkedLibrary("crypto"), .linkedLibrary("z")]
        ),
        // posix_spawn for the programs gcpctl starts (Foundation's Process crashes on Linux).
        .target(name: "CSpawn"),
        // ChildProcess: the one way gcpctl, the emulator and the tests start programs.
        .target(name: "Processes", dependencies: ["CSpawn"]),
        .target(
            name: "GoogleCloud",
            dependencies: ["CCurl", "Processes"]
        ),
        .target(
            name: "CBuildInfo",
            cSettings: buildInfoDefines
        ),
        .target(
            name: "GCPCtlKit",
            dependencies: ["GoogleCloud", "Processes", "CCurl", .product(name: "Yams", package: "Yams")]
        ),
        .executableTarget(
            name: "gcpctl",
            dependencies: ["GCPCtlKit", "CBuildInfo", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .target(
            name: "GCPEmulator",
            dependencies: [
                "CCurl", "Processes",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            resources: [.copy("Discovery")]
        ),
        .executableTarget(
            name: "gcp-emulator",
            dependencies: ["GCPEmulator", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // `make bench`: times gcpctl status against the emulator (not a test).
        .executableTarget(
            name: "gcpctl-bench",
            dependencies: ["GCPCtlKit", "GCPEmulator", "Processes"]
        ),
        .testTarget(
            name: "GoogleCloudTests",
            dependencies: ["GoogleCloud", "Processes", "GCPEmulator", "TestSupport"]
        ),
        .testTarget(
            name: "GCPCtlKitTests",
            dependencies: [
                "GCPCtlKit", "GCPEmulator", "Processes", "TestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "GCPEmulatorTests",
            dependencies: ["GCPEmulator", "TestSupport"]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "gcpctl", "gcp-emulator", "GCPEmulator", "Processes", "TestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        // Shared by the test targets: an in-process emulator on a loopback port,
        // test key pairs, a gcpctl process runner.
        .target(
            name: "TestSupport",
            dependencies: ["GCPEmulator", "GoogleCloud"],
            path: "Tests/TestSupport"
        ),
    ],
    swiftLanguageModes: [.v6]
)
