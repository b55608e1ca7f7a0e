import Foundation
import Testing
@testable import GCPCtlKit

/// `gcpctl version` and `--version` (issue 17 §2): what make release embeds, and what a
/// plain build says instead.
@Suite struct BuildInfoTests {
    @Test func theLineNamesTheCommitTheDateAndThePlatform() {
        let info = BuildInfo(version: "1.2.3", commit: "3f2a9c1d0b7e-dirty", buildDate: "2026-12-06T10:00:00Z", platform: "linux-x86_64")
        #expect(info.line == "gcpctl 1.2.3 (commit 3f2a9c1d0b7e-dirty, built 2026-12-06T10:00:00Z, linux-x86_64)")
    }

    @Test func aPlainBuildSaysWhatItDoesNotKnow() throws {
        let info = BuildInfo(version: "1.2.3", commit: "", buildDate: "", platform: "linux-x86_64")
        #expect(info.commit == nil && info.buildDate == nil)
        #expect(info.line == "gcpctl 1.2.3 (unknown commit, unknown build date, linux-x86_64)")
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(info), as: UTF8.self)
        #expect(json == #"{"buildDate":null,"commit":null,"platform":"linux-x86_64","version":"1.2.3"}"#)
    }

    @Test func thePlatformIsTheOneCompiledFor() {
        #if os(Linux) && arch(x86_64)
        #expect(BuildInfo.compiledPlatform == "linux-x86_64")
        #endif
        #expect(BuildInfo.compiledPlatform.split(separator: "-").count == 2)
    }
}
