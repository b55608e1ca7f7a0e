import Foundation
import GoogleCloud
import GCPEmulator
import Processes
import PropertyBased
import Testing
@testable import GCPCtlKit

/// Properties 9–15 of bash-scripts-design.md (the database socket, the build, the region),
/// each against the emulator or on what gcpctl sends; "for any" cases drawn with PropertyBased.
// Each case runs whole commands against an emulator: a failure is reported as drawn, not
// shrunk through dozens of further runs.
@Suite(.shrinking(false)) struct DeployBuildPropertyTests {
    static let regions = ["us-central1", "europe-west1", "asia-northeast1"]

    /// Property 9: for any Cloud SQL instance and region, a service that uses the database
    /// connects through the unix socket /cloudsql/PROJECT:REGION:INSTANCE.
    @Test func property9_databaseConnectionsUseTheUnixSocket() async throws {
        let names = Gen.element(of: Array("abcdefghijklmnopqrstuvwxyz")).array(of: 3...10).map { String($0.compactMap { $0 }) }
        await propertyCheck(count: 3, input: names, Gen.element(of: Self.regions)) { name, region in
            let region = region ?? "us-central1"
            try await withEmulatedProject { project in
                project.editEnvironment {
                    $0.replacingOccurrences(of: "instance: digitwinlive-db-{env}", with: "instance: \(name)-db")
                        .replacingOccurrences(of: "region: us-central1", with: "region: \(region)")
                }
                let run = await project.setUpAndDeploy(["api-gateway"])
                #expect(run.status == .success, "\(run.diagnostics)")
                let connection = "demo-project:\(region):\(name)-db"
                let env = project.deployedEnv("api-gateway", region: region)
                #expect(env["DATABASE_URL"] == "postgresql://postgres@/digitwinlive-db?host=/cloudsql/\(connection)")
                #expect(env["DATABASE_HOST"] == "/cloudsql/\(connection)")
                let volume = project.service("api-gateway", region: region)?[path: "template.volumes"]?.arrayValue?.first
                #expect(volume?[path: "cloudSqlInstance.instances"]?.arrayValue?.first?.stringValue == connection)
            }
        }
    }

    /// Property 10: for any deploy time, every built image is pushed with that timestamp's
    /// tag and with latest.
    @Test func property10_imagesAreTaggedWithTheTimestampAndLatest() async throws {
        await propertyCheck(count: 3, input: Gen.dateTime(inYear: 2024...2030)) { date in
            try await withEmulatedProject { project in
                let run = await project.setUpAndDeploy(options: DeployOptions(services: ["face-processing-service"],
                                                                              healthCheck: quickHealthCheck, now: { date }))
                #expect(run.status == .success, "\(run.diagnostics)")
                let tags = project.dockerImages.first?["tags"]?.arrayValue?.compactMap(\.stringValue) ?? []
                #expect(tags.contains("latest"))
                #expect(tags.contains(ImageBuilder.timestampTag(for: date)), "\(tags)")
                let build = project.emulator.requests(methodID: "cloudbuild.projects.locations.builds.create").first?.body
                let images = build?["images"]?.arrayValue?.compactMap(\.stringValue) ?? []
                #expect(images.contains { $0.hasSuffix(":latest") } && images.contains { $0.hasSuffix(":" + ImageBuilder.timestampTag(for: date)) })
            }
        }
    }

    /// Property 11: for any service Dockerfile, fewer than two FROM lines is reported as a
    /// warning naming the service (the deploy goes on); two or more is not. Every example is
    /// multi-stage.
    @Test func property11_singleStageDockerfilesAreWarnedAbout() async throws {
        let lines = Gen.element(of: ["FROM node:20 AS build", "FROM node:20", "RUN npm ci", "COPY . .", "# FROM nothing"]).array(of: 0...6)
        await propertyCheck(count: 30, input: lines) { picked in
            let text = picked.compactMap { $0 }.joined(separator: "\n")
            let stages = picked.filter { $0?.hasPrefix("FROM") == true }.count
            let directory = ScratchDirectory()
            directory.write("svc/Dockerfile", text)
            directory.write("environments/development.yaml", minimalEnvironment + "\nservices:\n  svc:\n    source: svc\n")
            let environment = try await directory.loader().load(EnvironmentRequest())
            let checked = Preflight(services: environment.services, environment: environment).checkFiles()
            #expect(checked.problems.isEmpty)
            #expect(checked.warnings.contains { $0.hasPrefix("svc: svc/Dockerfile has") } == (stages < 2), "\(text)")
        }
        for service in EmulatedProject.services {
            let text = try String(contentsOf: Repository.root.appendingPathComponent("examples/\(service)/Dockerfile"), encoding: .utf8)
            #expect(Preflight.stageCount(text) >= 2, "\(service)")
        }
    }

    /// Property 11 through a deploy: a service whose Dockerfile has a single FROM is warned
    /// about once, before anything is built, and is built and deployed all the same.
    @Test func property11_aSingleStageServiceIsWarnedAboutAndStillDeployed() async throws {
        try await withEmulatedProject { project in
            #expect(await project.prepareForDeploy().status == .success)
            project.directory.write("examples/face-processing-service/Dockerfile",
                                    "FROM python:3.12-slim\nWORKDIR /app\nCOPY app ./app\nCMD [\"python\", \"-m\", \"app.server\"]\n")
            let run = await project.deploy(DeployOptions(services: ["face-processing-service"], healthCheck: quickHealthCheck))
            #expect(run.status == .success, "\(run.diagnostics)")
            let warning = "⚠️  face-processing-service: examples/face-processing-service/Dockerfile has 1 FROM line; a multi-stage build (a builder stage, then a slim runtime stage) keeps the image small"
            let lines = run.diagnostics.split(separator: "\n").map(String.init)
            #expect(lines.filter { $0 == warning }.count == 1, "\(run.diagnostics)")
            let building = try #require(lines.firstIndex { $0.contains("face-processing-service: build ") })
            #expect(try #require(lines.firstIndex(of: warning)) < building)
            #expect(project.emulator.requests(methodID: "cloudbuild.projects.locations.builds.create").count == 1)
            #expect(project.service("face-processing-service")?["latestReadyRevision"] != nil)
            #expect(run.output.contains("face-processing-service  created"))
        }
    }

    /// Property 12 (gcpctl's part): for any files in the service's folder, workspace
    /// packages included, the build archive carries every one the ignore rules keep, so the
    /// Dockerfile can copy them into the image.
    @Test func property12_theBuildArchiveCarriesEveryKeptFile() async throws {
        let names = Gen.element(of: ["core", "shared", "types", "utils"]).array(of: 1...4)
        await propertyCheck(count: 20, input: names, Gen.bool()) { packages, ignoreNodeModules in
            let directory = ScratchDirectory()
            directory.write("Dockerfile", "FROM a AS b\nFROM c\n")
            if ignoreNodeModules { directory.write(".dockerignore", "node_modules\n") }
            let files = Set(packages.compactMap { $0 }).map { "packages/@clone/\($0)/index.js" }
            for file in files { directory.write(file, "module.exports = {}\n") }
            directory.write("node_modules/left-pad/index.js", "")
            let archive = try SourceArchive.make(directory: directory.url, dockerfile: "Dockerfile")
            #expect(Set(files).isSubset(of: archive.paths))
            #expect(archive.paths.contains("node_modules/left-pad/index.js") == !ignoreNodeModules)
        }
    }

    /// Property 13 (gcpctl's part): for any Dockerfile, the build runs it as written (its
    /// bytes in the archive, named by `-f`), so stages such as Prisma's generate run as the
    /// file says.
    @Test func property13_theDockerfileIsBuiltAsWritten() async throws {
        let steps = Gen.element(of: ["RUN npx prisma generate", "RUN npm ci", "COPY prisma ./prisma", "FROM node:20"]).array(of: 1...5)
        await propertyCheck(count: 20, input: steps, Gen.element(of: ["Dockerfile", "Dockerfile.prod", "docker/Dockerfile"])) { lines, name in
            let name = name ?? "Dockerfile"
            let text = "FROM node:20 AS build\n" + lines.compactMap { $0 }.joined(separator: "\n") + "\nFROM node:20\n"
            let directory = ScratchDirectory()
            directory.write(name, text)
            let archive = try SourceArchive.make(directory: directory.url, dockerfile: name)
            let extracted = ScratchDirectory()
            try archive.data.write(to: extracted.url.appendingPathComponent("a.tgz"))
            let tar = try await ChildProcess.run("/usr/bin/env", ["tar", "-xzf", extracted.url.appendingPathComponent("a.tgz").path, "-C", extracted.url.path])
            #expect(tar.termination.exitedCleanly)
            #expect(extracted.read(name) == text)
        }
    }

    /// Property 14: for any service whose build fails, deploy exits non-zero (2) with the
    /// build's error and does not deploy it.
    @Test func property14_aFailedBuildStopsTheDeployOfThatService() async throws {
        await propertyCheck(count: 3, input: Gen.element(of: EmulatedProject.services)) { service in
            let service = service ?? "api-gateway"
            try await withEmulatedProject { project in
                #expect(await project.prepareForDeploy().status == .success)
                project.emulator.inject(DeployFailureTests.failBuild)
                let run = await project.deploy(DeployOptions(services: [service], healthCheck: quickHealthCheck))
                #expect(run.status == .operationFailed)
                #expect(run.diagnostics.contains("building \(service) failed: FAILURE"), "\(run.diagnostics)")
                #expect(project.service(service) == nil)
                #expect(project.emulator.requests(methodID: "run.projects.locations.services.create").isEmpty)
            }
        }
    }

    /// Property 15: for any GCP_REGION, the services are deployed in it and their images
    /// built and stored there; a registry in another region stops the deploy before it starts.
    @Test func property15_servicesAndImagesStayInTheRegion() async throws {
        await propertyCheck(count: 3, input: Gen.element(of: Self.regions)) { region in
            let region = region ?? "us-central1"
            try await withEmulatedProject { project in
                project.editEnvironment { $0.replacingOccurrences(of: "region: us-central1", with: "region: \(region)") }
                let run = await project.setUpAndDeploy(["face-processing-service"])
                #expect(run.status == .success, "\(run.diagnostics)")
                #expect(project.serviceURL("face-processing-service", region: region)?.hasSuffix(".\(region).run.app") == true)
                #expect(project.dockerImages.allSatisfy { $0["uri"]?.stringValue?.hasPrefix("\(region)-docker.pkg.dev/") == true })
                #expect(project.emulator.requests(methodID: "cloudbuild.projects.locations.builds.create").allSatisfy { $0.url.contains("/locations/\(region)/") })

                project.editEnvironment { $0.replacingOccurrences(of: "  repository: digitwinlive\n", with: "  repository: digitwinlive\n  location: us-east4\n") }
                let mismatch = await project.deploy(DeployOptions(services: ["face-processing-service"], healthCheck: quickHealthCheck))
                #expect(mismatch.status == .configurationError)
                #expect(mismatch.diagnostics.contains("images would go to us-east4-docker.pkg.dev but GCP_REGION is \(region)"))
            }
        }
    }
}
