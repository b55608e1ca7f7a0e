import Foundation
import GoogleCloud
import Processes

/// The same reads `gcpctl status` makes, done the way gcp-manage.sh did them: one gcloud
/// process per read, one after another, pointed at the same emulator.
struct GcloudReads {
    let base: String
    let project: String
    let configDirectory: String

    struct Outcome {
        var elapsed: Duration
        var processes: Int
        var failures: [String]
    }

    var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("CLOUDSDK_") }
        environment["CLOUDSDK_CONFIG"] = configDirectory
        environment["CLOUDSDK_AUTH_ACCESS_TOKEN"] = "x"
        environment["CLOUDSDK_CORE_PROJECT"] = project
        environment["CLOUDSDK_CORE_CHECK_GCE_METADATA"] = "false"
        environment["CLOUDSDK_CORE_DISABLE_PROMPTS"] = "1"
        environment["CLOUDSDK_CORE_DISABLE_USAGE_REPORTING"] = "true"
        environment["CLOUDSDK_COMPONENT_MANAGER_DISABLE_UPDATE_CHECK"] = "true"
        environment["NO_PROXY"] = "127.0.0.1,localhost"
        for api in ["serviceusage", "iam", "secretmanager", "artifactregistry", "cloudresourcemanager", "run", "monitoring"] {
            environment["CLOUDSDK_API_ENDPOINT_OVERRIDES_\(api.uppercased())"] = "\(base)/\(api)/"
        }
        environment["CLOUDSDK_API_ENDPOINT_OVERRIDES_STORAGE"] = "\(base)/storage/storage/v1/"
        environment["CLOUDSDK_API_ENDPOINT_OVERRIDES_SQL"] = "\(base)/sqladmin/"
        return environment
    }

    /// Each read as gcloud arguments: what gcp-manage.sh's show_status ran, widened to
    /// what gcpctl status checks.
    static func reads(project: String, region: String, buckets: [String], secrets: [String], account: String,
                      sqlInstance: String?, database: String?, repository: String, services: [String]) -> [[String]] {
        var reads: [[String]] = [["services", "list", "--enabled"]]
        reads.append(["artifacts", "repositories", "describe", repository, "--location", region])
        reads.append(["artifacts", "docker", "images", "list", "\(region)-docker.pkg.dev/\(project)/\(repository)"])
        for bucket in buckets {
            reads.append(["storage", "buckets", "describe", "gs://\(bucket)"])
            reads.append(["storage", "du", "--summarize", "gs://\(bucket)"])
        }
        reads.append(["iam", "service-accounts", "describe", account])
        reads.append(["projects", "get-iam-policy", project])
        for secret in secrets {
            reads.append(["secrets", "describe", secret])
            reads.append(["secrets", "versions", "list", secret])
        }
        if let sqlInstance {
            reads.append(["sql", "instances", "describe", sqlInstance])
            if let database { reads.append(["sql", "databases", "describe", database, "--instance", sqlInstance]) }
        }
        for service in services {
            reads.append(["run", "services", "describe", service, "--region", region])
        }
        reads.append(["alpha", "monitoring", "policies", "list"])
        return reads
    }

    func run(_ reads: [[String]]) -> Outcome {
        let started = ContinuousClock.now
        var failures: [String] = []
        for arguments in reads {
            // `storage du` prints only in gsutil's format, as gsutil du -s did for the script.
            let format = arguments.starts(with: ["storage", "du"]) ? [] : ["--format", "json"]
            var environment = self.environment
            if arguments.first == "run", let port = base.split(separator: ":").last {
                // gcloud derives the regional endpoint by prefixing the host (us-central1-127.0.0.1),
                // which does not resolve: it reaches the emulator as its proxy (docs/emulator.md).
                environment["CLOUDSDK_PROXY_TYPE"] = "http"
                environment["CLOUDSDK_PROXY_ADDRESS"] = "127.0.0.1"
                environment["CLOUDSDK_PROXY_PORT"] = String(port)
            }
            do {
                let process = try ChildProcess("/usr/bin/env", ["gcloud"] + arguments + ["--project", project, "--quiet"] + format,
                                               environment: environment, standardOutput: .null, standardError: .pipe)
                let message = process.standardError?.readDataToEndOfFile() ?? Data()
                let termination = process.exitBlocking()
                if !termination.exitedCleanly {
                    let line = String(decoding: message, as: UTF8.self).split(separator: "\n")
                        .first { $0.hasPrefix("ERROR") }.map(String.init) ?? "\(termination)"
                    failures.append("gcloud \(arguments.prefix(3).joined(separator: " ")): \(line.prefix(120))")
                }
            } catch {
                failures.append("gcloud \(arguments.joined(separator: " ")): \(error)")
            }
        }
        return Outcome(elapsed: ContinuousClock.now - started, processes: reads.count, failures: failures)
    }

    static var isInstalled: Bool { executable != nil }

    /// gcloud's path on PATH, if it is installed.
    static var executable: String? {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/gcloud" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
