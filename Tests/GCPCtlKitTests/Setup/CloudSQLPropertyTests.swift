import Foundation
import GCPEmulator
import PropertyBased
import Testing
import TestSupport
@testable import GCPCtlKit

/// Properties 6 and 8 of bash-scripts-design.md drawn over the settings a user can write,
/// where SetupPropertyTests checks them for the repository's three environments.
@Suite(.shrinking(false)) struct CloudSQLPropertyTests {
    /// Property 6: for any PostgreSQL version in the environment file, gcpctl creates the
    /// instance with exactly that version when it is 15 or later, and otherwise refuses the
    /// file (pgvector) before any request.
    @Test func property6_everyCreatedInstanceRunsPostgres15OrLater() async throws {
        await propertyCheck(count: 8, input: Gen.int(in: 9...17)) { major in
            try await withEmulatedProject { project in
                project.editEnvironment { $0.replacingOccurrences(of: "databaseVersion: POSTGRES_15", with: "databaseVersion: POSTGRES_\(major)") }
                guard major >= 15 else {
                    do {
                        _ = try await project.resourceContext()
                        Issue.record("POSTGRES_\(major) was accepted")
                    } catch {
                        #expect("\(error)".contains("pgvector needs POSTGRES_15 or later"), "\(error)")
                    }
                    #expect(project.emulator.requests().isEmpty, "refused before any request")
                    return
                }
                let stored = try await Self.createInstance(in: project)
                #expect(stored["databaseVersion"]?.stringValue == "POSTGRES_\(major)")
            }
        }
    }

    /// Property 8: for any backup start time, the created instance has automatic backups
    /// on, starting at that time.
    @Test func property8_everyCreatedInstanceBacksUpAtTheConfiguredTime() async throws {
        await propertyCheck(count: 8, input: Gen.int(in: 0...23), Gen.int(in: 0...59)) { hour, minute in
            try await withEmulatedProject { project in
                let time = String(format: "%02d:%02d", hour, minute)
                project.editEnvironment { $0.replacingOccurrences(of: "startTime: \"03:00\"", with: "startTime: \"\(time)\"") }
                let stored = try await Self.createInstance(in: project)
                #expect(stored[path: "settings.backupConfiguration.enabled"]?.boolValue == true)
                #expect(stored[path: "settings.backupConfiguration.startTime"]?.stringValue == time)
            }
        }
    }

    /// Applies the environment's APIs and Cloud SQL instance; returns what Google holds.
    static func createInstance(in project: EmulatedProject) async throws -> GCPEmulator.JSONValue {
        let context = try await project.resourceContext()
        let sql = try #require(context.environment.cloudSQL)
        let instance = SQLInstance(sql, region: context.environment.region, labels: context.environment.labels)
        let report = await project.apply([ProjectAPIs(services: context.environment.apis), instance], in: context)
        #expect(report.succeeded, "\(report.failures.map { "\($0.id): \($0.reason)" })")
        return try #require(project.resource("sqladmin.instances", sql.instance))
    }
}
