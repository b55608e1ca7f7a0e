import Foundation
import GCPEmulator
import PropertyBased
import Testing
@testable import GCPCtlKit

/// Properties 16–24 of bash-scripts-design.md (the deployed service's configuration), each
/// against the emulator's stored service; "for any" cases drawn with PropertyBased.
// Each case runs whole commands against an emulator: a failure is reported as drawn, not
// shrunk through dozens of further runs.
@Suite(.shrinking(false)) struct DeployServicePropertyTests {
    static let identifiers = Gen.element(of: Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")).array(of: 3...8).map { "X_" + String($0.compactMap { $0 }) }
    static let values = Gen.element(of: Array("abcxyz019 -_./:@=%,")).array(of: 0...12).map { String($0.compactMap { $0 }) }

    /// Property 16: for any non-secret variables of the .env file, each reaches every
    /// deployed service with its value.
    @Test func property16_dotEnvVariablesReachTheServices() async throws {
        await propertyCheck(count: 3, input: Self.identifiers.array(of: 1...5), Self.values.array(of: 5)) { names, values in
            let variables = Dictionary(zip(names, values), uniquingKeysWith: { first, _ in first })
            try await withEmulatedProject { project in
                project.directory.write(".env.development", variables.map { DotEnvFile.assignment(name: $0.key, value: $0.value) }.joined(separator: "\n") + "\n")
                let run = await project.setUpAndDeploy(["api-gateway", "face-processing-service"])
                #expect(run.status == .success, "\(run.diagnostics)")
                for service in ["api-gateway", "face-processing-service"] {
                    let env = project.deployedEnv(service)
                    for (name, value) in variables { #expect(env[name] == value, "\(service) \(name)") }
                }
            }
        }
    }

    /// Property 17: for any secrets a service declares, each is an environment variable
    /// filled from Secret Manager at version latest, never a plain value.
    @Test func property17_secretsAreMountedAsVariables() async throws {
        let secrets = ["JWT_SECRET": "jwt-secret", "REFRESH_SECRET": "refresh-secret", "DATABASE_PASSWORD": "database-password"]
        await propertyCheck(count: 3, input: Gen.bool().array(of: 3)) { mask in
            let chosen = zip(secrets.sorted { $0.key < $1.key }, mask).filter(\.1).map(\.0)
            try await withEmulatedProject { project in
                let block = chosen.isEmpty ? "    secrets: {}\n" : "    secrets:\n" + chosen.map { "      \($0.key): \($0.value)\n" }.joined()
                project.editEnvironment { text in
                    text.replacingOccurrences(of: "    secrets:\n      JWT_SECRET: jwt-secret\n      REFRESH_SECRET: refresh-secret\n      DATABASE_PASSWORD: database-password\n", with: block)
                }
                let run = await project.setUpAndDeploy(["api-gateway"])
                #expect(run.status == .success, "\(run.diagnostics)")
                let env = project.deployedEnv("api-gateway")
                for (name, secret) in secrets {
                    let declared = chosen.contains { $0.key == name }
                    #expect((env[name] == "secret \(secret):latest") == declared, "\(name): \(env[name] ?? "unset")")
                }
            }
        }
    }

    /// Property 18: for any services that need the database, the Cloud SQL volume with the
    /// instance's connection name is attached, and only to them.
    @Test func property18_cloudSQLIsAttachedExactlyWhereDeclared() async throws {
        await propertyCheck(count: 3, input: Gen.bool().array(of: 3)) { flags in
            try await withEmulatedProject { project in
                project.editEnvironment { text in
                    var index = 0
                    return text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
                        guard line.hasPrefix("    cloudSQL: ") else { return String(line) }
                        defer { index += 1 }
                        return "    cloudSQL: \(flags[index])"
                    }.joined(separator: "\n")
                }
                let run = await project.setUpAndDeploy()
                #expect(run.status == .success, "\(run.diagnostics)")
                for (service, usesSQL) in zip(EmulatedProject.services, flags) {
                    let instances = project.service(service)?[path: "template.volumes"]?.arrayValue?.first?[path: "cloudSqlInstance.instances"]
                    #expect((instances?.arrayValue?.first?.stringValue == "demo-project:us-central1:digitwinlive-db-dev") == usesSQL, "\(service)")
                    #expect((project.deployedEnv(service)["DATABASE_URL"] != nil) == usesSQL, "\(service)")
                }
            }
        }
    }

    /// Property 19: for any valid memory and CPU, the container's limits are exactly those.
    @Test func property19_resourceLimitsAreSet() async throws {
        let combinations = [("256Mi", "1"), ("512Mi", "1"), ("1Gi", "1"), ("2Gi", "2"), ("4Gi", "2"), ("8Gi", "4")]
        await propertyCheck(count: 3, input: Gen.element(of: combinations)) { combination in
            let (memory, cpu) = combination ?? ("512Mi", "1")
            try await withEmulatedProject { project in
                project.editEnvironment {
                    $0.replacingOccurrences(of: "    memory: 512Mi\n    cpu: \"1\"\n", with: "    memory: \(memory)\n    cpu: \"\(cpu)\"\n")
                }
                let run = await project.setUpAndDeploy(["face-processing-service"])
                #expect(run.status == .success, "\(run.diagnostics)")
                let limits = project.service("face-processing-service")?[path: "template.containers"]?.arrayValue?.first?[path: "resources.limits"]
                #expect(limits?["memory"]?.stringValue == memory)
                #expect(limits?["cpu"]?.stringValue == cpu)
            }
        }
    }

    /// Property 20: for any minimum and maximum instance counts, the revision scales within them.
    @Test func property20_autoscalingBoundsAreSet() async throws {
        await propertyCheck(count: 3, input: Gen.int(in: 0...3), Gen.int(in: 1...50)) { minimum, extra in
            let maximum = minimum + extra
            try await withEmulatedProject { project in
                project.editEnvironment {
                    $0.replacingOccurrences(of: "    minInstances: 0\n    maxInstances: 10\n", with: "    minInstances: \(minimum)\n    maxInstances: \(maximum)\n")
                }
                let run = await project.setUpAndDeploy(["websocket-server"])
                #expect(run.status == .success, "\(run.diagnostics)")
                let scaling = project.service("websocket-server")?[path: "template.scaling"]
                #expect((scaling?["minInstanceCount"]?.intValue ?? 0) == minimum)
                #expect(scaling?["maxInstanceCount"]?.intValue == maximum)
            }
        }
    }

    /// Property 21: for any service, everyone may invoke it exactly when it is public:
    /// through Cloud Run's invoker check turned off (invokerIamDisabled), with no allUsers
    /// binding; a service made private again has the check back on (issue 16 point 3).
    @Test func property21_publicServicesLetAllUsersInvoke() async throws {
        await propertyCheck(count: 3, input: Gen.bool()) { isPublic in
            try await withEmulatedProject { project in
                #expect(await project.setUpAndDeploy(["face-processing-service"]).status == .success)
                #expect(project.service("face-processing-service")?["invokerIamDisabled"] == true)
                #expect(project.invokers("face-processing-service") == [])
                let anonymous = try await project.anonymousHealth("face-processing-service")
                #expect(anonymous == 200)
                if !isPublic {
                    project.editEnvironment { $0.replacingOccurrences(of: "    public: true\n    cloudSQL: false\n", with: "    public: false\n    cloudSQL: false\n") }
                }
                let revision = project.service("face-processing-service")?["latestCreatedRevision"]
                #expect(await project.deploy(DeployOptions(services: ["face-processing-service"], healthCheck: quickHealthCheck)).status == .success)
                #expect(project.service("face-processing-service")?["invokerIamDisabled"] == .bool(isPublic))
                #expect(project.service("face-processing-service")?["latestCreatedRevision"] == revision, "no new revision for access alone")
                let anonymousAfter = try await project.anonymousHealth("face-processing-service")
                #expect(anonymousAfter == (isPublic ? 200 : 403))
            }
        }
    }

    /// Property 21 under domain-restricted sharing: allUsers is refused, but the invoker
    /// check turned off is not, so the service is public all the same.
    @Test func property21_domainRestrictedSharingIsExplained() async throws {
        try await withEmulatedProject({ $0.domainRestrictedSharing = true }) { project in
            let run = await project.setUpAndDeploy(["face-processing-service"])
            #expect(run.status == .success, "\(run.diagnostics)")
            #expect(run.diagnostics.contains("face-processing-service: public, its invoker IAM check off (invokerIamDisabled)"), "\(run.diagnostics)")
            let anonymous = try await project.anonymousHealth("face-processing-service")
            #expect(anonymous == 200)
        }
        // Both refused: the one line says why and what to ask for.
        try await withEmulatedProject({ $0.domainRestrictedSharing = true; $0.requireInvokerIAM = true }) { project in
            let run = await project.setUpAndDeploy(["face-processing-service"])
            #expect(run.status == .operationFailed)
            #expect(run.diagnostics.contains("face-processing-service is deployed but cannot be made public: Cloud Run refused invokerIamDisabled and the organisation refuses allUsers"), "\(run.diagnostics)")
        }
    }

    /// Property 22: for any deployed services, the output gives each an https URL, the one
    /// Cloud Run reports.
    @Test func property22_eachDeployedServiceURLIsPrinted() async throws {
        await propertyCheck(count: 3, input: Gen.bool().array(of: 3)) { mask in
            let chosen = zip(EmulatedProject.services, mask).filter(\.1).map(\.0)
            guard !chosen.isEmpty else { return }
            try await withEmulatedProject { project in
                let run = await project.setUpAndDeploy(chosen)
                #expect(run.status == .success, "\(run.diagnostics)")
                for service in chosen {
                    let uri = try #require(project.serviceURL(service))
                    #expect(uri.hasPrefix("https://"))
                    #expect(run.output.contains(uri), "\(service)")
                    // Cloud Run's hash-based uri is shown too, and nothing warns about either.
                    let hashURL = try #require(project.service(service)?["uri"]?.stringValue)
                    #expect(run.output.contains("\(service) also answers at \(hashURL)"), "\(run.output)")
                    #expect(!run.diagnostics.contains("Cloud Run lists its URL"), "\(run.diagnostics)")
                }
            }
        }
    }

    /// Property 23: for any services deployed, each gets API_GATEWAY_URL, WEBSOCKET_URL and
    /// FACE_PROCESSING_URL in its first deploy, equal to the URLs Cloud Run then reports.
    @Test func property23_servicesKnowEachOthersURLsFromTheFirstDeploy() async throws {
        await propertyCheck(count: 2, input: Gen.bool().array(of: 3)) { mask in
            let chosen = zip(EmulatedProject.services, mask).filter(\.1).map(\.0)
            try await withEmulatedProject { project in
                let run = await project.setUpAndDeploy(chosen)
                #expect(run.status == .success, "\(run.diagnostics)")
                #expect(project.emulator.requests(methodID: "run.projects.locations.services.patch").isEmpty, "no second deploy")
                let deployed = chosen.isEmpty ? EmulatedProject.services : chosen
                for service in deployed {
                    let env = project.deployedEnv(service)
                    for other in deployed {
                        #expect(env[ServiceURLs.variableName(for: other)] == project.serviceURL(other), "\(service) → \(other)")
                    }
                    #expect(["API_GATEWAY_URL", "WEBSOCKET_URL", "FACE_PROCESSING_URL"].allSatisfy { env[$0]?.hasPrefix("https://") == true })
                }
            }
        }
    }

    /// Property 24: for any deploy whose revision cannot become ready, deploy exits 2 and
    /// shows Cloud Run's reason.
    @Test func property24_failedDeploysAreReportedWithTheirReason() async throws {
        let reasons = Gen.element(of: ["container failed to start", "memory limit exceeded", "permission denied on secret"])
        await propertyCheck(count: 3, input: reasons) { reason in
            let reason = reason ?? "failed"
            try await withEmulatedProject { project in
                #expect(await project.prepareForDeploy().status == .success)
                for method in ["run.projects.locations.services.create", "run.projects.locations.services.patch"] {
                    project.emulator.inject(FaultRule(methodID: method, action: .failOperation(message: reason)))
                }
                let run = await project.deploy(DeployOptions(services: ["face-processing-service"], healthCheck: quickHealthCheck))
                #expect(run.status == .operationFailed)
                #expect(run.diagnostics.contains("Cloud Run could not make revision face-processing-service-"), "\(run.diagnostics)")
                #expect(run.diagnostics.contains(reason))
            }
        }
    }
}
