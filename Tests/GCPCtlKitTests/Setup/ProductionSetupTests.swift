import Foundation
import GCPEmulator
import Testing
import TestSupport
@testable import GCPCtlKit

/// `setup --env=prod`: the production Cloud SQL instance carries every setting
/// environments/production.yaml declares, as Cloud SQL stores them.
@Suite struct ProductionSetupTests {
    @Test func productionSetupCreatesTheInstanceProductionYamlDeclares() async throws {
        try await withEmulatedProject { project in
            let run = await project.setup(environment: "prod")
            #expect(run.status == .success, "\(run.diagnostics)")
            let instance = try #require(project.resource("sqladmin.instances", "digitwinlive-db-prod"))
            #expect(instance["databaseVersion"]?.stringValue == "POSTGRES_15")
            let settings = try #require(instance["settings"])
            #expect(settings["tier"]?.stringValue == "db-custom-1-3840")
            #expect(settings["availabilityType"]?.stringValue == "REGIONAL")
            #expect(settings["edition"]?.stringValue == "ENTERPRISE")
            #expect(settings["dataDiskType"]?.stringValue == "PD_SSD")
            #expect(settings["dataDiskSizeGb"]?.stringValue == "20")
            #expect(settings["storageAutoResize"]?.boolValue == true)
            #expect(settings[path: "backupConfiguration.enabled"]?.boolValue == true)
            #expect(settings[path: "backupConfiguration.startTime"]?.stringValue == "03:00")
            #expect(settings[path: "backupConfiguration.pointInTimeRecoveryEnabled"]?.boolValue == true)
            #expect(settings[path: "backupConfiguration.backupRetentionSettings.retainedBackups"]?.intValue == 30)
            #expect(settings[path: "maintenanceWindow.day"]?.intValue == 7, "SUN is day 7")
            #expect(settings[path: "maintenanceWindow.hour"]?.intValue == 4)
            let flags = (settings["databaseFlags"]?.arrayValue ?? []).map {
                "\($0["name"]?.stringValue ?? "?")=\($0["value"]?.stringValue ?? "?")"
            }
            #expect(flags == ["max_connections=200"])
            #expect(settings["deletionProtectionEnabled"]?.boolValue == true)
            #expect(instance[path: "settings.userLabels.gcpctl-env"]?.stringValue == "prod")

            #expect(run.output.contains("demo-project:us-central1:digitwinlive-db-prod"))
            #expect(await project.plan(environment: "prod").output.contains("No changes"))
        }
    }
}
