import Foundation
import GCPEmulator
import Testing
import TestSupport
@testable import GCPCtlKit

/// The whole life of an environment while Google misbehaves: setup, deploy of the three
/// services, status, sql stop, sql start, cleanup, against an emulator answering a seeded
/// share of requests with 429 (Retry-After), 503, a dropped connection or an answer slower
/// than gcpctl waits, and failing operations once. Setup, status, sql stop/start and cleanup
/// converge in one invocation (gcpctl retries requests, and tries a failed operation once
/// more); deploy, which reports a failed build rather than repeating it, in at most two.
/// Nothing is made twice, and cleanup leaves nothing of gcpctl's.
@Suite struct LifecycleFaultTests {
    static let serviceAccount = "serviceAccount:digitwinlive-sa@demo-project.iam.gserviceaccount.com"
    static let buckets: Set = ["clone-documents-dev", "clone-face-models-dev", "clone-uploads-dev", "clone-voice-models-dev",
                               "demo-project_cloudbuild", "demo-project_cloudbuild-logs"]

    @Test(arguments: FaultCase.all)
    func theLifecycleConvergesAndMakesNothingTwice(_ faults: FaultCase) async throws {
        try await withEmulatedProject({ faults.configure(&$0) }) { project in
            faults.configure(project)
            project.copyExamples()
            let steps = LifecycleSteps(faults)

            await steps.converge("setup", retriesSaveIt: true) { await project.setup() }
            await steps.converge("deploy") { await project.deploy() }
            await steps.converge("status", retriesSaveIt: true) { await project.status() }
            await steps.converge("sql stop", retriesSaveIt: true) { await project.sql(.stop) }
            await steps.converge("sql start", retriesSaveIt: true) { await project.sql(.start) }
            expectNothingMadeTwice(project, deployInvocations: steps.invocations(of: "deploy"), faults: faults)

            let cleanup = await steps.converge("cleanup", retriesSaveIt: true) { await project.cleanupAll() }
            expectNothingLeft(project, faults: faults, cleanup: cleanup)

            let kinds = project.injectedFaultKinds
            #expect(kinds.isSuperset(of: ["429", "503", "drop", "delay", "failOperation"]), "\(faults.testDescription): only \(kinds.sorted())")
            print(steps.summary)
        }
    }

    /// Before cleanup: one of everything the environment names, one version per secret,
    /// one image per service (tagged as deploy tags), at most one revision per deploy.
    func expectNothingMadeTwice(_ project: EmulatedProject, deployInvocations: Int, faults: FaultCase) {
        let label = faults.testDescription
        #expect(project.names(EmulatorCollections.sqlInstances) == ["digitwinlive-db-dev"], "\(label)")
        #expect(project.names(EmulatorCollections.buckets) == Self.buckets, "\(label)")
        #expect(project.names(EmulatorCollections.repositories).count == 1, "\(label)")
        #expect(project.names(EmulatorCollections.serviceAccounts).count == 2, "\(label): the runtime and the build account")
        #expect(project.names(EmulatorCollections.secrets).count == 3, "\(label)")
        for secret in ["jwt-secret", "refresh-secret", "database-password"] {
            #expect(secretVersions(secret, in: project).count == 1, "\(label): \(secret) has \(secretVersions(secret, in: project))")
        }
        let roles = project.roleBindings(of: Self.serviceAccount)
        #expect(roles.sorted() == ["roles/cloudsql.client", "roles/run.invoker", "roles/secretmanager.secretAccessor",
                                   "roles/storage.objectAdmin"], "\(label)")

        #expect(project.serviceNames == Set(EmulatedProject.services.map { "us-central1/\($0)" }), "\(label)")
        let images = project.dockerImages
        #expect(images.count == EmulatedProject.services.count, "\(label): \(images.map { $0["name"] ?? "" })")
        for service in EmulatedProject.services {
            let ofService = images.filter { $0["name"]?.stringValue?.contains("/dockerImages/\(service)@") == true }
            let tags = ofService.first?["tags"]?.arrayValue?.compactMap(\.stringValue) ?? []
            #expect(ofService.count == 1, "\(label): \(service) has \(ofService.count) images")
            #expect(tags.contains("latest") && tags.contains { $0.hasPrefix("source-") } && tags.count == 3, "\(label): \(service) tags \(tags)")
            let builds = project.stored(EmulatorCollections.builds).values.filter {
                $0["status"] == "SUCCESS" && $0["tags"]?.arrayValue?.contains(.string(service)) == true
            }
            #expect(builds.count == 1, "\(label): \(service) was built \(builds.count) times")
            // One revision per deploy that changed the service, and one more for each whose
            // operation failed (deploy tries such a revision once more).
            let revisions = project.stored(EmulatorCollections.runRevisions).filter { $0.key.contains("/services/\(service)/") }
            let ready = revisions.values.filter { revision in
                revision["conditions"]?.arrayValue?.contains { $0["type"] == "Ready" && $0["state"] == "CONDITION_SUCCEEDED" } == true
            }
            #expect(ready.count == 1 && revisions.count <= 2 * deployInvocations, "\(label): \(service) has revisions \(revisions.keys.sorted())")
        }
    }

    /// After `cleanup --all`: nothing gcpctl made is left.
    func expectNothingLeft(_ project: EmulatedProject, faults: FaultCase, cleanup: EmulatedProject.Run) {
        let label = "\(faults.testDescription), after\n\(cleanup.output)\n\(cleanup.diagnostics)"
        #expect(project.labelledResourcesLeft() == [], "\(label)")
        for collection in [EmulatorCollections.sqlInstances, EmulatorCollections.buckets, EmulatorCollections.repositories,
                           EmulatorCollections.serviceAccounts, EmulatorCollections.secrets, EmulatorCollections.secretVersions,
                           EmulatorCollections.runServices, EmulatorCollections.runRevisions, EmulatorCollections.dockerImages] {
            #expect(project.names(collection).isEmpty, "\(label): \(collection) still holds \(project.names(collection).sorted())")
        }
        #expect(project.roleBindings(of: Self.serviceAccount).isEmpty, "\(label)")
    }
}
