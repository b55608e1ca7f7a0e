import Foundation
import GoogleCloud

/// `gcpctl deploy`: preflight, then every service at once (its build, its deploy, its
/// check; each service waits only for its own build), then the URLs: printed (property 22)
/// and written to the environment's .env file (property 35).
public struct DeployWorkflow: Sendable {
    public var options: DeployOptions

    public init(_ options: DeployOptions = DeployOptions()) {
        self.options = options
    }

    public func run(_ context: CommandContext, connector: CloudConnector) async throws -> ExitStatus {
        let reporter = context.reporter
        let declared = context.environment
        let services = try declared.selectServices(options.services)
        if let tag = options.revisionTag {
            let problems = services.compactMap { RevisionTag.problem(tag, service: $0.name) }
            guard problems.isEmpty else { throw DeployPreflightError(problems) }
        }
        reporter.header("Deploy of \(declared.name) to project \(declared.project) (\(declared.region))"
                        + (options.dryRun ? ": dry run" : ""))
        let local = Preflight(services: services, environment: declared)
        let files = local.checkFiles()
        files.warnings.forEach(reporter.warning)
        guard files.problems.isEmpty else { throw DeployPreflightError(files.problems) }
        if options.dryRun {
            return try DeployDryRun.show(services, preflight: local, environment: declared, on: reporter)
        }

        let (adopted, connected, adoption) = await InstanceLookup.resolve(
            context, try await connector.resourceContext(for: context), always: false)
        if let adoption { reporter.info("Using the bash scripts' Cloud SQL instance \(adoption.adopted) (\(adoption.reason)); gcpctl setup writes its name down") }
        let context = adopted
        let environment = context.environment
        let preflight = Preflight(services: services, environment: environment)
        async let projectNumber = connected.resourceManager.project(environment.project).projectNumber
        async let owners = ServiceTakeOver(services: services, allowed: options.takeOver).check(in: connected)
        let project = try await preflight.checkProject(in: connected)
        try await connector.checkCredentialsAccepted()
        // With the project's own problems (Cloud Run not enabled, say), those are the news.
        let ownership = project.problems.isEmpty ? try await owners : (try? await owners) ?? ServiceTakeOver.Findings()
        (project.warnings + ownership.warnings).forEach(reporter.warning)
        ownership.notes.forEach(reporter.info)
        guard project.problems.isEmpty && ownership.problems.isEmpty else { throw DeployPreflightError(project.problems + ownership.problems) }
        guard let number = try await projectNumber else { throw ProjectNumberUnknownError(project: environment.project) }
        let resourceContext = connected.knowing(projectNumber: number)
        let urls = ServiceURLs(projectNumber: number, region: environment.region)
        try context.interrupts.checkNotInterrupted()

        if try await preflight.ensureRepository(in: resourceContext) {
            reporter.success("created Artifact Registry repository \(environment.artifactRegistry.repository) in \(environment.artifactRegistry.location)")
        }
        try await preflight.ensureProjectRoles(building: !options.skipBuild, in: resourceContext).forEach(reporter.success)
        let staging = StagingBucket(environment: environment)
        if !options.skipBuild {
            if try await staging.ensure(in: resourceContext) {
                reporter.success("created the staging bucket \(staging.name) (archives deleted after \(StagingBucket.retentionDays) days)")
            }
            try await preflight.ensureBuildAccess(in: resourceContext).forEach(reporter.success)
        }
        let images = try await resourceContext.artifactRegistry.dockerImages(
            project: environment.project, location: environment.artifactRegistry.location, repository: environment.artifactRegistry.repository)
        let builder = ImageBuilder(staging: staging, timestampTag: ImageBuilder.timestampTag(for: options.now()),
                                   existingImages: ImageBuilder.imagesByTag(images))
        reporter.info("Deploying \(services.map(\.name).joined(separator: ", "))"
                      + (options.skipBuild ? " (no build)" : "; images built now are tagged \(builder.timestampTag) and latest"))

        let results = await deployAll(services, preflight: preflight, urls: urls, redis: project.redis, builder: builder, context: context,
                                      resourceContext: resourceContext)
        // The summary is shown even when the .env file cannot be written (what was deployed
        // stays deployed); the error follows it.
        let envFile = Result { try writeURLs(results, environment: environment, workingDirectory: context.io.workingDirectory) }
        if (try? envFile.get()) != nil, let path = environment.envFile, let directory = environment.configDirectory,
           let line = GitIgnore.cover(path, in: directory) {
            reporter.info("added \(line) to .gitignore: gcpctl writes the services' URLs there, and .env files are not for git")
        }
        DeploySummary.show(results, environment: environment, envFile: try? envFile.get(), on: reporter)
        if let interruption = context.interrupts.interruption { throw interruption }
        _ = try envFile.get()
        return results.allSatisfy(\.succeeded) ? .success : .operationFailed
    }

    /// Every service concurrently; results in the environment's order.
    private func deployAll(_ services: [Environment.Service], preflight: Preflight, urls: ServiceURLs, redis: RedisEndpoint?, builder: ImageBuilder,
                           context: CommandContext, resourceContext: ResourceContext) async -> [ServiceDeployResult] {
        await withTaskGroup(of: (Int, ServiceDeployResult).self) { group in
            for (index, service) in services.enumerated() {
                let deployment = ServiceDeployment(
                    service: service, options: options, urls: urls, redis: redis, builder: builder,
                    sourceDirectory: preflight.sourceDirectory(of: service), reporter: context.reporter, progress: context.progress)
                group.addTask { (index, await deployment.run(in: resourceContext)) }
            }
            var results = [ServiceDeployResult?](repeating: nil, count: services.count)
            for await (index, result) in group { results[index] = result }
            return results.compactMap { $0 }
        }
    }

    /// Property 35: the deployed services' URLs into the .env file, every other line kept.
    private func writeURLs(_ results: [ServiceDeployResult], environment: Environment, workingDirectory: URL) throws -> DeploySummary.EnvFileUpdate? {
        let assignments = results.filter { $0.revision != nil }.compactMap { result in
            result.url.map { (name: ServiceURLs.variableName(for: result.name), value: $0) }
        }
        guard !assignments.isEmpty, let path = environment.envFile else { return nil }
        let url = URL(fileURLWithPath: path)
        let shown = DisplayPaths(workingDirectory: workingDirectory).display(url)
        let before = try? String(contentsOf: url, encoding: .utf8)
        if let before, try DotEnvUpdater.update(before, setting: assignments, path: shown) == before {
            return .init(path: shown, variables: assignments.map(\.name), changed: false)
        }
        try DotEnvUpdater.update(fileAt: url, setting: assignments, displayPath: shown)
        return .init(path: shown, variables: assignments.map(\.name), changed: true)
    }
}

public struct ProjectNumberUnknownError: Error, Sendable, CustomStringConvertible {
    public var project: String
    public var description: String {
        "Google did not give the number of project \(project), which gcpctl needs (for the services' URLs, and to tell its buckets from other projects'); check that the project exists and you may read it"
    }
}
