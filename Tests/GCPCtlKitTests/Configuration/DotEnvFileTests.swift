import Foundation
import PropertyBased
import Testing
@testable import GCPCtlKit

/// Generators of .env content.
enum DotEnvGen {
    static let nameStart = Gen<Character?>.element(of: Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ_")).map { $0! }
    static let nameRest = Gen<Character?>.element(of: Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")).map { $0! }
    static let name = zip(nameStart, nameRest.string(of: 0...12)).map { String($0) + $1 }
    /// Values with every character that needs care: blanks, quotes, #, =, $, backslashes,
    /// newlines, non-ASCII.
    static let valueCharacter = Gen<Character?>.element(of: Array("abcXYZ019 #='\"\\$\n\t/:{}é-_.")).map { $0! }
    static let value = valueCharacter.string(of: 0...16).filter { !DotEnvFile.isSecretPlaceholder($0) }
    static let singleLineValue = value.map { $0.filter { $0 != "\n" } }

    /// Lines around the assignments: comments, blank lines, indentation.
    static let decoration = Gen<String?>.element(of: ["", "# a comment", "   ", "\t# indented comment", "#KEY=commented out"]).map { $0! }
}

@Suite struct DotEnvFileTests {
    /// Property 25: for any generated content the parser reads back every key and value.
    @Test func parserRoundTripsAnyContent() async {
        let entry = zip(DotEnvGen.name, DotEnvGen.value, Gen.bool, Gen.bool, DotEnvGen.decoration)
        await propertyCheck(count: 200, input: entry.array(of: 0...12), Gen.bool) { entries, crlf in
            let newline = crlf ? "\r\n" : "\n"
            var text = ""
            for (name, value, exported, commented, decoration) in entries {
                text += decoration + newline
                text += (exported ? "export " : "") + DotEnvFile.assignment(name: name, value: value)
                text += (commented ? " # trailing note" : "") + newline
            }
            let file = try DotEnvFile.parse(text, path: ".env")
            #expect(file.variables.map(\.name) == entries.map(\.0))
            #expect(file.variables.map(\.value) == entries.map(\.1))
            #expect(file.secretPlaceholders.isEmpty)
        }
    }

    /// Property 27: any `${SECRET_*}` value is skipped, however it is quoted.
    @Test func secretPlaceholdersAreNeverLoaded() async {
        let suffix = DotEnvGen.nameRest.string(of: 0...12)
        await propertyCheck(count: 100, input: DotEnvGen.name, suffix, Gen.int(in: 0...2)) { name, suffix, quoting in
            let placeholder = "${SECRET_\(suffix)}"
            let written = [placeholder, "\"\(placeholder)\"", "'\(placeholder)'"][quoting]
            let file = try DotEnvFile.parse("BEFORE=1\n\(name)=\(written)\nAFTER=2\n", path: ".env.production")
            #expect(file[name] == nil || name == "BEFORE" || name == "AFTER")
            #expect(!file.variables.contains { $0.value == placeholder })
            #expect(file.secretPlaceholders == [name])
        }
    }

    @Test func parsesTheScriptsFormat() throws {
        let text = """
        # GCP
        export GCP_PROJECT_ID=digitwinlive\r
        GCP_REGION = us-central1   # where everything runs
        COLOR=#fff
        EMPTY=
        NOTE= # only a comment
        SINGLE='literal $HOME \\n'
        DOUBLE="line\\nnext \\"quoted\\" \\$5"
        PEM="-----BEGIN KEY-----
        abc
        -----END KEY-----"
        JWT_SECRET=${SECRET_JWT_SECRET}
        """
        let file = try DotEnvFile.parse(text, path: ".env")
        #expect(file.values == [
            "GCP_PROJECT_ID": "digitwinlive", "GCP_REGION": "us-central1", "COLOR": "#fff", "EMPTY": "", "NOTE": "",
            "SINGLE": "literal $HOME \\n", "DOUBLE": "line\nnext \"quoted\" $5", "PEM": "-----BEGIN KEY-----\nabc\n-----END KEY-----",
        ])
        #expect(file.secretPlaceholders == ["JWT_SECRET"])
        #expect(file.variables.first { $0.name == "PEM" }.map { [$0.firstLine, $0.lastLine] } == [9, 11])
    }

    @Test func laterAssignmentsWin() throws {
        let file = try DotEnvFile.parse("A=1\nA=2\n", path: ".env")
        #expect(file["A"] == "2")
    }

    @Test func syntaxErrorsNameFileAndLine() {
        let cases: [(String, String)] = [
            ("A=1\nnot an assignment\n", ".env:2: expected KEY=VALUE, found a line without '=' (not shown, as it may hold a secret)"),
            ("1ABC=x", ".env:1: '1ABC' is not a valid variable name; use letters, digits and underscores, not starting with a digit"),
            ("A=1\nB=\"open\nstill open", ".env:2: the value opened with \" is never closed"),
            ("A='x' y", ".env:1: unexpected text after the closing quote (not shown, as it may be part of a secret)"),
        ]
        for (text, message) in cases {
            #expect(throws: ConfigurationError.self) { try DotEnvFile.parse(text, path: ".env") }
            do { _ = try DotEnvFile.parse(text, path: ".env") } catch { #expect(error.lines == [message]) }
        }
    }

    /// Property 25: each file the scripts read is found and loaded.
    @Test(arguments: [(".env", "development"), (".env.development", "development"), (".env.production", "production")])
    func eachLegacyFileTypeLoads(file: String, environment: String) async throws {
        let directory = ScratchDirectory()
        directory.write(file, "GCP_PROJECT_ID=legacy-project\nGCP_REGION=us-east1\nGCS_BUCKET_UPLOADS=my-uploads\n")
        let loaded = try await directory.loader().load(EnvironmentRequest(name: environment))
        #expect(loaded.legacyVariables?.path == file)
        #expect(loaded.project == "legacy-project")
        #expect(loaded.region == "us-east1")
        #expect(loaded.buckets.last?.name == "my-uploads")
    }
}

@Suite struct EnvTemplateTests {
    @Test func templateParsesWithPlaceholdersSkipped() throws {
        let text = try String(contentsOf: Repository.root.appendingPathComponent("templates/.env.example"), encoding: .utf8)
        let file = try DotEnvFile.parse(text, path: "templates/.env.example")
        #expect(file["GCP_PROJECT_ID"] == "your-project-id")
        #expect(file["GCS_BUCKET_UPLOADS"] == "clone-uploads-dev")
        #expect(file.secretPlaceholders == ["JWT_SECRET", "REFRESH_SECRET", "DATABASE_PASSWORD"])
    }
}
