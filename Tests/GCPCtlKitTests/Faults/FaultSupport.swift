import Foundation
import Testing
@testable import GCPEmulator
@testable import GCPCtlKit

/// One seeded fault run: the share of API requests the emulator spoils, and the seed that
/// makes which ones reproducible.
struct FaultCase: Sendable, CustomTestStringConvertible {
    var rate: Double
    var seed: UInt64

    var testDescription: String { "\(Int(rate * 100))% faults, seed \(seed)" }

    /// 10%, 20% and 30%, two seeds each (docs/testing.md, "Fault suite").
    static let all = [FaultCase(rate: 0.1, seed: 11), FaultCase(rate: 0.1, seed: 12),
                      FaultCase(rate: 0.2, seed: 21), FaultCase(rate: 0.2, seed: 22),
                      FaultCase(rate: 0.3, seed: 31), FaultCase(rate: 0.3, seed: 32)]

    /// The emulator's side: faults at `rate` from `seed`; a 429 says `Retry-After: 0` and a
    /// slow answer takes 1.5 s, past the client's timeout, so a run takes seconds.
    func configure(_ configuration: inout EmulatorConfiguration) {
        configuration.faultRate = rate
        configuration.seed = seed
        configuration.retryAfterSeconds = 0
        configuration.slowResponseMilliseconds = FaultCase.slowResponseMilliseconds
    }

    /// gcpctl's side: gives up on an answer after 1 s (the slow ones never come in time;
    /// the others do, even on a loaded machine) and tries a request up to 10 times.
    func configure(_ project: EmulatedProject) {
        project.extraEnvironment["GCPCTL_HTTP_TIMEOUT_MS"] = "1000"
        project.extraEnvironment["GCPCTL_RETRY_MAX_ATTEMPTS"] = "10"
        for rule in FaultCase.everyKindOnce { project.emulator.inject(rule) }
    }

    /// One fault of each kind, whatever the seed draws: which requests the rate spoils
    /// depends on the order concurrent requests arrive in, so a low rate alone may miss one.
    static let everyKindOnce = [
        FaultRule(httpMethod: "POST", action: .status(code: 429, retryAfterSeconds: 0)),
        FaultRule(httpMethod: "POST", action: .status(code: 503)),
        FaultRule(httpMethod: "GET", action: .drop),
        FaultRule(httpMethod: "GET", action: .delay(milliseconds: slowResponseMilliseconds)),
        FaultRule(methodID: "artifactregistry.projects.locations.repositories.create",
                  action: .failOperation(message: "Repository creation failed (injected).")),
    ]

    static let slowResponseMilliseconds = 1500
}

/// Runs each lifecycle step once, and a second time only when the first did not succeed;
/// remembers which steps needed the second.
final class LifecycleSteps: @unchecked Sendable {
    let faults: FaultCase
    private(set) var neededTwo: [String] = []
    private var counts: [String: Int] = [:]

    /// How many times the step `name` ran.
    func invocations(of name: String) -> Int { counts[name] ?? 0 }

    init(_ faults: FaultCase) { self.faults = faults }

    /// The step's last run. `retriesSaveIt`: every fault it can meet is one gcpctl retries
    /// within the invocation (no operation it starts goes unretried), so one must do.
    @discardableResult
    func converge(_ name: String, retriesSaveIt: Bool = false, expected: GCPCtlKit.ExitStatus = .success,
                  _ step: () async -> EmulatedProject.Run) async -> EmulatedProject.Run {
        counts[name, default: 0] += 1
        let first = await step()
        guard first.status != expected else { return first }
        #expect(!retriesSaveIt, "\(faults.testDescription): \(name) needed a second invocation:\n\(first.output)\n\(first.diagnostics)")
        counts[name, default: 0] += 1
        neededTwo.append("\(name) (\(first.status): \(Self.firstError(first)))")
        let second = await step()
        #expect(second.status == expected, "\(faults.testDescription): \(name) did not converge in two invocations:\n\(second.output)\n\(second.diagnostics)")
        return second
    }

    var summary: String {
        "\(faults.testDescription): " + (neededTwo.isEmpty ? "every step converged in one invocation"
                                                           : "needed a second invocation: " + neededTwo.joined(separator: "; "))
    }

    private static func firstError(_ run: EmulatedProject.Run) -> String {
        let lines = run.diagnostics.split(separator: "\n").filter { $0.contains("error") || $0.contains("✗") || $0.contains("failed") }
        return lines.first.map { String($0.prefix(200)) } ?? "no error line"
    }
}

extension EmulatedProject {
    /// The kinds of fault the emulator injected so far: `429`, `503`, `drop`, `delay` from the
    /// request log, and `failOperation` for every operation it made fail once.
    var injectedFaultKinds: Set<String> {
        var kinds = Set(emulator.requests().compactMap(\.fault))
        if emulator.mutateState({ !$0.failedOnceTargets.isEmpty }) { kinds.insert("failOperation") }
        return kinds
    }

    /// Stored resources of `collection`, by name.
    func stored(_ collection: String) -> [String: GCPEmulator.JSONValue] {
        emulator.state(project: EmulatedProject.project)?["resources"]?[collection]?.objectValue ?? [:]
    }
}
