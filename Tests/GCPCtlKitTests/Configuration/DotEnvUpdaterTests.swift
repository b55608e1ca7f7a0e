import Foundation
import PropertyBased
import Testing
@testable import GCPCtlKit

/// Property 35's writer: setting variables keeps every other line byte for byte.
@Suite struct DotEnvUpdaterTests {
    static let keys = ["API_GATEWAY_URL", "WEBSOCKET_URL", "FACE_PROCESSING_URL", "OTHER", "NODE_ENV"]
    static let key = Gen.int(in: 0...(keys.count - 1)).map { keys[$0] }
    static let line = Gen.int(in: 0...5).map { choice -> String in ["# comment", "", "  ", "KEEP=1", "export KEEP_TOO='a b'"][min(choice, 4)] }

    @Test func otherLinesAreKeptByteForByte() async {
        let existing = zip(Self.key, DotEnvGen.singleLineValue, Gen.bool)
        let document = zip(Self.line.array(of: 0...6), existing.array(of: 0...4), Gen.bool, Gen.bool)
        let updates = zip(Self.key, DotEnvGen.value).array(of: 1...3)
        await propertyCheck(count: 200, input: document, updates) { document, updates in
            let (decorations, assignments, crlf, finalNewline) = document
            let newline = crlf ? "\r\n" : "\n"
            var lines = decorations
            for (index, assignment) in assignments.enumerated() {
                let written = (assignment.2 ? "export " : "") + DotEnvFile.assignment(name: assignment.0, value: assignment.1)
                lines.insert(written, at: min(index * 2, lines.count))
            }
            let original = lines.joined(separator: newline) + (finalNewline && !lines.isEmpty ? newline : "")
            let updated = try DotEnvUpdater.update(original, setting: updates.map { (name: $0.0, value: $0.1) })

            let setNames = Set(updates.map(\.0))
            func kept(_ text: String) -> [String] {
                DotEnvLines(text).lines.map(\.content).filter { content in
                    let bare = content.hasPrefix("export ") ? String(content.dropFirst(7)) : content
                    return !setNames.contains { bare.hasPrefix("\($0)=") }
                }
            }
            #expect(kept(updated) == kept(original))
            // Untouched lines keep their endings too: the original (bar a missing final
            // newline) is a prefix of the result wherever nothing was replaced.
            let parsed = try DotEnvFile.parse(updated, path: ".env")
            let expected = Dictionary(updates.map { ($0.0, $0.1) }, uniquingKeysWith: { _, later in later })
            for (name, value) in expected { #expect(parsed[name] == value) }
            if !assignments.contains(where: { setNames.contains($0.0) }) {
                #expect(updated.hasPrefix(original))
            }
            if original.contains("\r\n") { #expect(!updated.contains(where: { $0 == "\n" })) }
        }
    }

    @Test func replacesInPlaceAndAppendsNewVariables() throws {
        let original = "# Service URLs\r\nexport API_GATEWAY_URL=http://old # set by deploy\r\nPEM=\"a\nb\"\r\nNODE_ENV=production"
        let updated = try DotEnvUpdater.update(original, setting: [
            ("API_GATEWAY_URL", "https://api-123.a.run.app"), ("PEM", "c"), ("WEBSOCKET_URL", "https://ws-123.a.run.app"),
        ])
        #expect(updated == "# Service URLs\r\nexport API_GATEWAY_URL=https://api-123.a.run.app\r\nPEM=c\r\nNODE_ENV=production\r\nWEBSOCKET_URL=https://ws-123.a.run.app\r\n")
    }

    @Test func updatesAFileOnDisk() throws {
        let directory = ScratchDirectory()
        let url = directory.write(".env.production", "A=1\n# keep\n")
        try DotEnvUpdater.update(fileAt: url, setting: [("B", "two words")])
        #expect(directory.read(".env.production") == "A=1\n# keep\nB=\"two words\"\n")
        let created = directory.url.appendingPathComponent(".env.new")
        try DotEnvUpdater.update(fileAt: created, setting: [("URL", "https://x")])
        #expect(directory.read(".env.new") == "URL=https://x\n")
    }
}
