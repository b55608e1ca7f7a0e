import Foundation
import GCPEmulator
import Testing
import TestSupport
@testable import GCPCtlKit

/// The read-modify-write of the project's IAM policy (ProjectRoles) when IAM pushes back:
/// an etag conflict, and a service account too new to be named in a policy.
@Suite struct ProjectRolesRetryTests {
    static let member = "serviceAccount:digitwinlive-sa@demo-project.iam.gserviceaccount.com"
    static let roles = ["roles/cloudsql.client", "roles/run.invoker", "roles/secretmanager.secretAccessor", "roles/storage.objectAdmin"]

    /// The roles the stored project policy grants the runtime account, one entry per
    /// binding that names it (a role granted twice would appear twice).
    static func grantedRoles(in project: EmulatedProject) -> [String] {
        let policy = project.resource("iam.policies", "projects/\(EmulatedProject.project)")
        return (policy?["bindings"]?.arrayValue ?? []).flatMap { binding -> [String] in
            let members = binding["members"]?.arrayValue?.compactMap(\.stringValue) ?? []
            return members.filter { $0 == member }.map { _ in binding["role"]?.stringValue ?? "?" }
        }.sorted()
    }

    /// 409 ABORTED means someone else wrote the policy between gcpctl's read and write:
    /// setup reads it again, writes once more, and the account ends with each role once.
    @Test func anEtagConflictOnSetIamPolicyIsReadAgainAndApplied() async throws {
        try await withEmulatedProject { project in
            project.emulator.inject(FaultRule(
                methodID: "cloudresourcemanager.projects.setIamPolicy",
                action: .status(code: 409, status: "ABORTED", message: "There were concurrent policy changes. Please retry the whole read-modify-write with exponential backoff.")))
            let run = await project.setup()
            #expect(run.status == .success, "\(run.diagnostics)")
            #expect(run.diagnostics.contains("the project's IAM policy changed while gcpctl was writing it; reading it again"))

            let requests = project.emulator.requests()
            let writes = requests.enumerated().filter { $0.element.methodID == "cloudresourcemanager.projects.setIamPolicy" }
            // The runtime and the build account's roles, one write at a time: the conflict
            // meets the first, which reads again and writes; then the other's.
            #expect(writes.map(\.element.status) == [409, 200, 200])
            // The second write follows a fresh read, not the stale policy sent again.
            if writes.count == 3 {
                let readsBetween = requests[writes[0].offset..<writes[1].offset]
                    .filter { $0.methodID == "cloudresourcemanager.projects.getIamPolicy" }
                #expect(readsBetween.count == 1, "the policy was not read again after the conflict")
            }
            #expect(Self.grantedRoles(in: project) == Self.roles)
            #expect(await project.plan().output.contains("No changes"))
        }
    }

    /// IAM takes a while to learn a new service account; until then setIamPolicy naming it
    /// answers 400 "does not exist". Setup keeps trying and succeeds once it is visible.
    /// The emulator's clock is moved on when the first such answer is seen: no waiting.
    @Test func aServiceAccountNotYetVisibleToIAMIsRetriedUntilItIs() async throws {
        try await withEmulatedProject({ $0.iamPropagationSeconds = 30 }) { project in
            // Backoff long enough that the retries outlast the moment the clock moves on.
            project.extraEnvironment["GCPCTL_RETRY_INITIAL_MS"] = "50"
            let emulator = project.emulator
            let refused = emulator.whenReceived({ $0.methodID == "cloudresourcemanager.projects.setIamPolicy" && $0.status == 400 }) {
                emulator.advanceClock(seconds: 31)
            }
            let run = await project.setup()
            #expect(await refused.value, "setIamPolicy was never refused: the account was visible at once")
            #expect(run.status == .success, "\(run.diagnostics)")

            let writes = emulator.requests(methodID: "cloudresourcemanager.projects.setIamPolicy")
            #expect(writes.first?.status == 400 && writes.last?.status == 200, "\(writes.map(\.status))")
            #expect(writes.filter { $0.status == 200 }.count == 2, "the runtime and the build account's roles")
            #expect(Self.grantedRoles(in: project) == Self.roles)
        }
    }
}
