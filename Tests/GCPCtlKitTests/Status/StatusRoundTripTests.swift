import Foundation
import GCPEmulator
import GoogleCloud
import Testing
import TestSupport
@testable import GCPCtlKit

/// Status in one round trip (issue 17 §3): a CI health check waits for the slowest answer,
/// not for chains of them. No read waits for another: a secret's versions go out with the
/// secret, a service's /health with the service (its URL is the deterministic one deploy
/// wrote to the .env file).
@Suite struct StatusRoundTripTests {
    @Test func everyReadOfAPassIsInFlightBeforeAnyIsAnswered() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setUpAndDeploy().status == .success)
            #expect(project.directory.read(".env.development").contains("API_GATEWAY_URL=https://api-gateway-"))
            let (first, document) = try await project.statusDocument()
            #expect(first.status == .success, "\(first.output)")

            // Holds every answer until as many requests as a pass sends are in flight: a read
            // that waited for another's answer would never be sent, and the pass would end at
            // its deadline with that row failed.
            let barrier = AnswerBarrier(CurlTransport(), holdUntil: document.requests)
            project.emulator.clearRequests()
            let run = await project.status(over: barrier, StatusWorkflow(timeout: .seconds(20)))
            #expect(run.status == .success, "\(run.output)")
            #expect(barrier.inFlightWhenReleased == document.requests,
                    "\(document.requests) reads, \(barrier.inFlightWhenReleased) sent before the first answer")
            let health = project.emulator.requests().filter { $0.api == "run.app" && $0.url.hasSuffix("/health") }
            #expect(health.count == 3, "one /health GET per service: \(health.map(\.url))")
        }
    }

    /// The .env file may name another project's URLs (copied, or the project recreated):
    /// the early answer is used only if the service serves that URL; otherwise the service's
    /// own URL is checked, one round trip later.
    @Test func aStaleURLInTheEnvFileIsCheckedAgainAtTheServicesOwnURL() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setUpAndDeploy().status == .success)
            let written = project.directory.read(".env.development")
            let number = try #require(written.firstMatch(of: /api-gateway-(\d+)\./)?.1)
            project.directory.write(".env.development", written.replacingOccurrences(of: "-\(number).", with: "-111111111111."))
            project.emulator.clearRequests()
            let (run, document) = try await project.statusDocument()
            #expect(run.status == .success, "\(run.output)")
            for service in document.services {
                #expect(service.state == "ok", "\(service.name): \(service.reason ?? "")")
                #expect(service.details["health"]?["ok"] == GoogleCloud.JSONValue.bool(true), "\(service.name)")
            }
            let health = project.emulator.requests().filter { $0.api == "run.app" && $0.url.hasSuffix("/health") }.map(\.url)
            #expect(health.filter { $0.contains("111111111111") }.count == 3, "the stale URLs were tried first: \(health)")
            #expect(health.filter { $0.contains(String(number)) }.count == 3, "then each service's own: \(health)")
        }
    }

    /// Without URLs in the .env file (a fresh checkout in CI), /health waits for the service,
    /// as before, and is still checked.
    @Test func withoutAnEnvFileTheHealthCheckFollowsTheService() async throws {
        try await withEmulatedProject { project in
            #expect(await project.setUpAndDeploy().status == .success)
            try FileManager.default.removeItem(at: project.directory.url.appendingPathComponent(".env.development"))
            let (run, document) = try await project.statusDocument()
            #expect(run.status == .success, "\(run.output)")
            for service in document.services {
                #expect(service.details["health"]?["ok"] == GoogleCloud.JSONValue.bool(true), "\(service.name)")
            }
        }
    }
}

/// Passes no answer back until `holdUntil` requests have arrived, then every answer; later
/// requests go straight through. A held request whose task is cancelled (status's deadline)
/// is let go, so a read that never comes fails the test instead of hanging it.
final class AnswerBarrier: HTTPTransport, @unchecked Sendable {
    let base: any HTTPTransport
    let holdUntil: Int
    private let lock = NSLock()
    private var arrived = 0
    private var held: [Int: CheckedContinuation<Void, Never>] = [:]
    private var cancelled: Set<Int> = []
    private(set) var inFlightWhenReleased = 0

    init(_ base: any HTTPTransport, holdUntil: Int, giveUpAfter bound: Duration = .seconds(60)) {
        self.base = base
        self.holdUntil = holdUntil
        // A bound, not a synchronisation: should a held read outlive its check's deadline,
        // everything is let go, so the test fails on its expectations instead of hanging.
        Task { [weak self] in
            try? await Task.sleep(for: bound)
            self?.releaseEverything()
        }
    }

    private func releaseEverything() {
        let released: [CheckedContinuation<Void, Never>] = lock.withLock {
            defer { held = [:] }
            cancelled.formUnion(held.keys)
            return Array(held.values)
        }
        released.forEach { $0.resume() }
    }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let response = try await base.send(request)
        let id = lock.withLock { () -> Int in
            arrived += 1
            return arrived
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let released: [CheckedContinuation<Void, Never>] = lock.withLock {
                    if cancelled.contains(id) { return [continuation] }
                    held[id] = continuation
                    guard arrived >= holdUntil else { return [] }
                    if inFlightWhenReleased == 0 { inFlightWhenReleased = arrived }
                    defer { held = [:] }
                    return Array(held.values)
                }
                released.forEach { $0.resume() }
            }
        } onCancel: {
            let continuation = lock.withLock { () -> CheckedContinuation<Void, Never>? in
                cancelled.insert(id)
                return held.removeValue(forKey: id)
            }
            continuation?.resume()
        }
        return response
    }
}
