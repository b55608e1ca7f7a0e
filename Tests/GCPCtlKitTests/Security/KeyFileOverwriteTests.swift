import Foundation
import GCPEmulator
import Testing
import TestSupport
@testable import GCPCtlKit

/// Issue 15, point 5: `setup --create-key PATH` never replaces a file that is there already
/// (it may be another key) unless `--overwrite`; a file holding a live key of the account is
/// the key, and a second setup leaves it alone.
@Suite struct KeyFileOverwriteTests {
    func setup(_ project: EmulatedProject, key path: String, overwrite: Bool = false) async -> EmulatedProject.Run {
        await project.setup(SetupWorkflow(resources: SetupOptions(keyFile: path, overwriteKeyFile: overwrite),
                                          executor: fastExecutor))
    }

    @Test func anExistingFileIsRefusedBeforeAnythingChanges() async throws {
        try await withEmulatedProject { project in
            let path = project.directory.write("keys/ci.json", "{\"type\": \"someone else's key\"}").path
            let run = await setup(project, key: path)
            #expect(run.status == .configurationError)
            #expect(run.diagnostics.contains("gcpctl will not overwrite the file \(path)"), "\(run.diagnostics)")
            #expect(run.diagnostics.contains("pass --overwrite"))
            #expect(project.directory.read("keys/ci.json") == "{\"type\": \"someone else's key\"}")
            #expect(project.mutatingRequests.isEmpty, "\(project.mutatingRequests.map(\.url))")
        }
    }

    @Test func overwriteReplacesItWithAPrivateKeyAndASecondSetupKeepsIt() async throws {
        try await withEmulatedProject { project in
            let path = project.directory.write("keys/ci.json", "old").path
            let run = await setup(project, key: path, overwrite: true)
            #expect(run.status == .success, "\(run.diagnostics)")
            let key = try JSONSerialization.jsonObject(with: Data(project.directory.read("keys/ci.json").utf8)) as? [String: Any]
            #expect(key?["client_email"] as? String == "digitwinlive-sa@demo-project.iam.gserviceaccount.com")
            var status = stat()
            #expect(lstat(path, &status) == 0 && status.st_mode & 0o7777 == 0o600)

            let again = await setup(project, key: path)
            #expect(again.status == .success, "\(again.diagnostics)")
            #expect(project.emulator.requests(methodID: "iam.projects.serviceAccounts.keys.create").count == 1)
        }
    }
}
