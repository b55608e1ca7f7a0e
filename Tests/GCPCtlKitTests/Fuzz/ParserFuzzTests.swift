import Foundation
import GoogleCloud
import PropertyBased
import Testing
@testable import GCPCtlKit

/// Property-based fuzzing of everything that reads text gcpctl does not control: legacy .env
/// files, environment YAML, and Google's error bodies. Each must answer every input with a
/// value or a typed error — never a crash. `make fuzz` runs many more iterations
/// (GCPCTL_FUZZ_ITERATIONS); the test suite runs a few hundred.
@Suite struct ParserFuzzTests {
    static let iterations = ProcessInfo.processInfo.environment["GCPCTL_FUZZ_ITERATIONS"].flatMap(Int.init) ?? 300

    static let dotEnvFragments = [
        "A", "GCP_PROJECT_ID", "x", "=", "==", " ", "\t", "\n", "\r\n", "#", " # c", "export ", "'", "\"", "\\", "\\n", "\\\"",
        "${SECRET_JWT}", "${", "}", "$", "é", "日本", "\u{0}", "1", "-", ".", "KEY=", "=value",
    ]

    static let yamlFragments = [
        "\n", "  ", "    ", "- ", ": ", ":", "#", "'", "\"", "[", "]", "{", "}", ",", "&a", "*a", "!!str ", "|", ">", "~", "null",
        "name", "region", "buckets", "services", "api-gateway", "memory", "512Mi", "10", "-1", "true", "{env}", "{project}",
        "cloudSQL", "tier", "lifecycle", "age", "\t", "---", "...", "é",
    ]

    @Test func dotEnvParserAnswersEveryInput() async {
        await propertyCheck(count: Self.iterations, input: Gen.element(of: Self.dotEnvFragments).array(of: 0...60)) { fragments in
            let text = fragments.compactMap { $0 }.joined()
            do {
                let file = try DotEnvFile.parse(text, path: ".env.fuzz")
                for variable in file.variables {
                    #expect(DotEnvFile.isValidName(variable.name))
                    #expect(!DotEnvFile.isSecretPlaceholder(variable.value), "placeholders are skipped (property 27)")
                }
            } catch {
                #expect(!"\(error)".isEmpty)
            }
        }
    }

    @Test func environmentYAMLDecoderAnswersEveryInput() async {
        await propertyCheck(count: Self.iterations, input: Gen.element(of: Self.yamlFragments).array(of: 0...80)) { fragments in
            Self.decode(fragments.compactMap { $0 }.joined())
        }
    }

    /// Mutations of the real development environment: a line dropped, duplicated or cut.
    @Test func mutatedEnvironmentFilesAnswerEveryInput() async {
        let lines = Repository.environmentText("development").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let mutations = Gen.int(in: 0...(lines.count - 1)).array(of: 1...4)
        await propertyCheck(count: Self.iterations, input: mutations, Gen.int(in: 0...3)) { positions, kind in
            var mutated = lines
            for position in positions where position < mutated.count {
                switch kind {
                case 0: mutated.remove(at: position)
                case 1: mutated.insert(mutated[position], at: position)
                case 2: mutated[position] = String(mutated[position].prefix(mutated[position].count / 2))
                default: mutated[position] = " " + mutated[position]
                }
            }
            Self.decode(mutated.joined(separator: "\n"))
        }
    }

    static func decode(_ text: String) {
        do {
            let decoded = try EnvironmentLoader.decodeEnvironmentFile(text, path: "environments/fuzz.yaml")
            for issue in decoded.unknownKeys { #expect(!issue.message.isEmpty) }
        } catch {
            #expect("\(error)".contains("environments/fuzz.yaml"), "\(error)")
        }
    }

    static let errorKeys = ["error", "code", "message", "status", "errors", "reason", "domain", "details", "@type", "metadata",
                            "service", "permission", "links", "url", "fieldViolations", "field", "description", "error_description"]
    static let errorTypes = ["type.googleapis.com/google.rpc.ErrorInfo", "type.googleapis.com/google.rpc.Help",
                             "type.googleapis.com/google.rpc.BadRequest", "SERVICE_DISABLED", "operationInProgress"]

    /// A random JSON value over the vocabulary of Google's error bodies.
    static func json(_ seed: [Int], depth: Int = 0) -> Any {
        var seed = seed
        func next() -> Int { seed.isEmpty ? 0 : seed.removeFirst() }
        switch next() % (depth > 3 ? 4 : 7) {
        case 0: return next() % 600
        case 1: return errorTypes[next() % errorTypes.count]
        case 2: return next() % 2 == 0
        case 3: return NSNull()
        case 4: return (0..<(next() % 4)).map { _ in json(Array(seed.dropFirst(next() % 5)), depth: depth + 1) }
        default:
            var object: [String: Any] = [:]
            for _ in 0..<(next() % 5) { object[errorKeys[next() % errorKeys.count]] = json(Array(seed.dropFirst(next() % 7)), depth: depth + 1) }
            return object
        }
    }

    @Test func googleErrorDecoderAnswersEveryBody() async {
        await propertyCheck(count: Self.iterations, input: Gen.int(in: 0...1000).array(of: 0...60), Gen.int(in: 0...200)) { seed, cut in
            let body = (try? JSONSerialization.data(withJSONObject: ["error": Self.json(seed)], options: [.fragmentsAllowed])) ?? Data()
            for candidate in [body, body.prefix(cut)] {
                let error = GoogleAPIError.decode(status: 400 + cut % 200, body: Data(candidate), request: "GET x")
                #expect(!error.description.isEmpty)
                _ = error.missingPermission
                _ = error.disabledService
                _ = error.isAlreadyExists
            }
        }
    }
}
