import Foundation

/// `gcpctl deploy --dry-run`: what each service's build would upload, by the same rules and
/// the same archive a deploy makes (`SourceArchive`), and nothing sent anywhere: every file,
/// their count, the compressed size and the ignore files that decided.
enum DeployDryRun {
    struct Document: Encodable {
        var dryRun = true
        var environment: String
        var services: [Service]

        struct Service: Encodable {
            var name: String
            var source: String
            var ignoreFiles: [String]
            var fileCount: Int
            var bytes: Int
            var sha256: String
            /// `docker build -f apps/api-gateway/Dockerfile .`: the step Cloud Build runs in the upload.
            var build: String
            var files: [String]
        }
    }

    static func show(_ services: [Environment.Service], preflight: Preflight, environment: Environment,
                     on reporter: Reporter) throws -> ExitStatus {
        var described: [Document.Service] = []
        for service in services {
            let archive = try SourceArchive.make(directory: preflight.sourceDirectory(of: service), dockerfile: service.dockerfile)
            described.append(Document.Service(
                name: service.name, source: service.source, ignoreFiles: archive.ignoreFiles, fileCount: archive.files.count,
                bytes: archive.data.count, sha256: archive.digest, build: "docker build -f \(service.dockerfile) .", files: archive.files))
        }
        reporter.result(Document(environment: environment.name, services: described)) {
            for (service, entry) in zip(services, described) {
                let rules = entry.ignoreFiles.isEmpty ? "" : " (ignored by \(entry.ignoreFiles.joined(separator: ", ")))"
                reporter.section("\(service.name): would upload \(service.source), \(entry.fileCount) file\(entry.fileCount == 1 ? "" : "s"), "
                                 + "\(ByteCount.format(entry.bytes))\(rules)")
                reporter.line("built with: \(entry.build)")
                entry.files.forEach { reporter.line("  \($0)") }
            }
            reporter.line("")
            reporter.outcome("Dry run: nothing was uploaded, built or deployed")
        }
        return .success
    }
}
