import Foundation
import GoogleCloud
import GCPEmulator
import Processes
import Testing
import TestSupport
@testable import GCPCtlKit

/// Issue 18's "done when": a project the bash scripts made, the seed's repository with only
/// a .env (legacy mode), and gcpctl run as the people switching would run it.
@Suite struct FromBashScriptsTests {
    @Test func planAdoptsTheScriptsInstanceAndNamesThePlaceholderSecrets() async throws {
        try await withScriptsProject { project in
            let run = await project.plan()
            #expect(run.status == .operationFailed, "changes are pending (--detailed-exitcode): \(run.diagnostics)")
            #expect(run.output.contains("⇐ adopt Cloud SQL instance digitwinlive-db instead of creating digitwinlive-db-dev (the bash scripts' instance)"))
            #expect(!run.output.contains("create Cloud SQL instance"))
            #expect(run.output.contains("~ update Cloud SQL instance digitwinlive-db"))
            for secret in ScriptsProject.secrets {
                #expect(run.output.contains("~ update secret \(secret)"))
            }
            #expect(run.output.components(separatedBy: "value: version 1 holds a placeholder → generated (a new version; version 1 disabled)").count == 4)
            #expect(project.mutatingRequests.isEmpty)
        }
    }

    @Test func setupLeavesOneInstanceAndNeverSendsAPlaceholderAsAPassword() async throws {
        try await withScriptsProject { project in
            let run = await project.setup()
            #expect(run.status == .success, "\(run.output)\n\(run.diagnostics)")
            #expect(project.sqlInstances == ["digitwinlive-db"])

            // The log masks passwords: one was sent, and the instance holds it.
            #expect(project.emulator.requests(methodID: "sqladmin.users.update").count == 1)
            let password = project.emulator.mutateState {
                $0.resource(EmulatedProject.project, "sqladmin.users", "digitwinlive-db/postgres@")?["@password"]?.stringValue
            }
            let newPassword = try await project.secretValue("database-password", version: 2)
            #expect(password.map { SecretPlaceholder.isPlaceholder(Data($0.utf8)) } == false)
            #expect(password.map { Data($0.utf8) } == newPassword)
            for secret in ScriptsProject.secrets {
                let states = try await project.secretVersionStates(secret)
                let value = try await project.secretValue(secret, version: 2)
                #expect(states == [1: "DISABLED", 2: "ENABLED"], "\(secret)")
                #expect(value.map(SecretPlaceholder.isPlaceholder) == false)
            }
            #expect(project.directory.read(".env").hasSuffix("CLOUD_SQL_CONNECTION_NAME=demo-project:us-central1:digitwinlive-db\n"))
            #expect(run.diagnostics.contains("Adopted Cloud SQL instance digitwinlive-db; wrote .env: CLOUD_SQL_CONNECTION_NAME=demo-project:us-central1:digitwinlive-db"))

            project.emulator.clearRequests()
            let again = await project.setup()
            #expect(again.status == .success)
            #expect(again.output.contains("No changes"), "\(again.output)")
            #expect(project.mutatingRequests.isEmpty, "\(project.mutatingRequests.map(\.url))")
            #expect(project.sqlInstances == ["digitwinlive-db"])
        }
    }

    @Test func deployBuildsTheMonorepoDockerfilesFromTheRepositoryRoot() async throws {
        try await withScriptsProject { project in
            #expect(await project.setup().status == .success)
            let run = await project.deploy()
            #expect(run.status == .success, "\(run.output)\n\(run.diagnostics)")

            let dockerfiles = Dictionary(uniqueKeysWithValues: project.emulator.requests(methodID: "cloudbuild.projects.locations.builds.create").compactMap { entry -> (String, [String])? in
                let args = entry.body?["steps"]?.arrayValue?.first?["args"]?.arrayValue?.compactMap(\.stringValue) ?? []
                guard let image = args.first(where: { $0.hasSuffix(":latest") }) else { return nil }
                let service = image.split(separator: "/").last.map { String($0.dropLast(":latest".count)) } ?? ""
                return (service, Array(args.suffix(3)))
            })
            #expect(dockerfiles == [
                "api-gateway": ["-f", "apps/api-gateway/Dockerfile", "."],
                "websocket-server": ["-f", "apps/websocket-server/Dockerfile", "."],
                "face-processing-service": ["-f", "services/face-processing-service/Dockerfile", "."],
            ])
            for service in EmulatedProject.services {
                #expect(project.service(service) != nil, "\(service) deployed")
            }
            #expect(project.deployedEnv("api-gateway")["CLOUD_SQL_CONNECTION_NAME"] == "demo-project:us-central1:digitwinlive-db")

            // The upload is the repository root: workspace packages in, node_modules out.
            let listed = try await project.uploadedArchivePaths("api-gateway")
            let archive = try #require(listed)
            #expect(archive.contains("packages/logger/package.json"))
            #expect(archive.contains("apps/api-gateway/Dockerfile"))
            #expect(archive.contains("services/face-processing-service/src/index.ts"))
            #expect(!archive.contains { $0.hasPrefix("node_modules") })
        }
    }
}

extension EmulatedProject {
    /// The paths of the source archive deploy uploaded for `service`, as `tar` lists them.
    func uploadedArchivePaths(_ service: String) async throws -> [String]? {
        let http = RawHTTPClient(port: emulator.port)
        let bucket = "\(EmulatedProject.project)_cloudbuild"
        let objects = try await http.get("/storage/storage/v1/b/\(bucket)/o?prefix=source/\(service)-").json
        guard let name = objects["items"]?.arrayValue?.first?["name"]?.stringValue else { return nil }
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._"))) ?? name
        let data = Data(try await http.get("/storage/storage/v1/b/\(bucket)/o/\(encoded)?alt=media").body)
        let scratch = ScratchDirectory()
        let file = scratch.url.appendingPathComponent("source.tgz")
        try data.write(to: file)
        let listing = try await ChildProcess.run("/usr/bin/env", ["tar", "-tzf", file.path]).output
        return String(decoding: listing, as: UTF8.self).split(separator: "\n").map { String($0).trimmingSuffix("/") }
    }
}

private extension String {
    func trimmingSuffix(_ suffix: String) -> String { hasSuffix(suffix) ? String(dropLast(suffix.count)) : self }
}
