import Foundation
import GCPEmulator
@testable import GCPCtlKit

/// The repository's environment files in a scratch directory, estimated without a command.
enum CostFixture {
    static let book = PriceBook.builtIn

    static func environment(_ name: String, edit: (String) -> String = { $0 }) async throws -> Environment {
        let directory = ScratchDirectory()
        for file in ["development", "staging", "production"] {
            let text = Repository.environmentText(file)
            directory.write("environments/\(file).yaml", EnvironmentName.canonical(name) == file ? edit(text) : text)
        }
        return try await directory.loader().load(EnvironmentRequest(name: name, project: "digitwin-test"))
    }

    static func estimate(_ name: String, observed: ObservedUsage? = nil, prices: any PriceSheet = book,
                         edit: (String) -> String = { $0 }) async throws -> CostEstimate {
        var estimator = CostEstimator(environment: try await environment(name, edit: edit), observed: observed, prices: prices)
        return try estimator.estimate(mode: observed == nil ? .offline : .observed, priceBook: "2025-11 (built-in)", project: "digitwin-test")
    }

    static func decimal(_ text: String) -> Decimal { Decimal(string: text)! }
}

extension CostEstimate {
    /// `resource key: item × quantity` for every line, in order, to compare all at once.
    var quantities: [String] {
        resources.flatMap { resource in resource.lines.map { "\(resource.key): \($0.item) × \($0.quantity)" } }
    }

    func line(_ resource: String, _ item: String) -> CostLine? {
        self.resource(resource)?.lines.first { $0.item == item }
    }
}

/// `gcpctl cost` run in-process, the way the executable runs it (the workflow chooses the
/// project fallbacks), in `directory` with exactly `processEnvironment`.
struct CostRun {
    var status: ExitStatus
    var output: String
    var diagnostics: String

    static func run(_ workflow: CostWorkflow, settings: GlobalSettings = GlobalSettings(environment: "dev"),
                    directory: URL, processEnvironment: [String: String]) async -> CostRun {
        let output = CapturedStream(), diagnostics = CapturedStream()
        let io = CommandIO(output: output, diagnostics: diagnostics, input: ScriptedInput([], isInteractive: false),
                           processEnvironment: processEnvironment, workingDirectory: directory)
        var runner = CommandRunner(settings: settings, io: io)
        let connector = CloudConnector(processEnvironment: processEnvironment, reporter: runner.reporter)
        runner.projectFallbacks = workflow.projectFallbacks(connector: connector)
        let status = await runner.run("cost") { context in try await workflow.run(context, connector: connector) }
        return CostRun(status: status, output: output.text, diagnostics: diagnostics.text)
    }

    static func run(_ workflow: CostWorkflow, in project: EmulatedProject,
                    settings: GlobalSettings = GlobalSettings(environment: "dev")) async -> CostRun {
        await run(workflow, settings: settings, directory: project.directory.url, processEnvironment: project.processEnvironment)
    }

    func document<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(output.utf8))
    }
}
