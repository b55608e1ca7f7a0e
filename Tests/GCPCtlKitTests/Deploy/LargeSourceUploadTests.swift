import Foundation
import GCPEmulator
import Testing
@testable import GCPCtlKit

/// Issue 16 point 6 through deploy: a service whose archive is over 5 MiB is uploaded in a
/// resumable session, and a chunk lost on the way is resumed, not started again.
@Suite struct LargeSourceUploadTests {
    @Test func aLargeSourceGoesUpInAResumableSessionEvenWhenAChunkIsLost() async throws {
        try await withEmulatedProject { project in
            #expect(await project.prepareForDeploy().status == .success)
            // 7 MiB that gzip cannot shrink.
            var generator = SystemRandomNumberGenerator()
            let noise = Data((0..<(7 << 20)).map { _ in UInt8.random(in: 0...255, using: &generator) })
            try noise.write(to: project.directory.url.appendingPathComponent("examples/face-processing-service/model.bin"))
            project.emulator.inject(FaultRule(methodID: "storage.objects.insert", httpMethod: "PUT", pathContains: "/upload/",
                                              action: .status(code: 503, status: "UNAVAILABLE"), times: 1))
            project.emulator.clearRequests()
            let run = await project.deploy(DeployOptions(services: ["face-processing-service"], healthCheck: quickHealthCheck))
            #expect(run.status == .success, "\(run.diagnostics)")
            let uploads = project.emulator.requests(methodID: "storage.objects.insert")
            #expect(uploads.filter { $0.method == "POST" }.count == 1, "one session")
            #expect(uploads.first?.url.contains("uploadType=resumable") == true, "\(uploads.map(\.url))")
            #expect(uploads.contains { $0.status == 503 })
            #expect(uploads.last?.status == 200)
            #expect(run.diagnostics.contains("uploaded gs://demo-project_cloudbuild/source/face-processing-service-"), "\(run.diagnostics)")
        }
    }
}
