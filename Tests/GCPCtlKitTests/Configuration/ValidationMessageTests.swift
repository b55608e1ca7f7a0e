import Testing
@testable import GCPCtlKit

/// Every validation rule, through the loader, with the exact line the user reads.
@Suite struct ValidationMessageTests {
    static let file = "environments/development.yaml"

    /// `minimalEnvironment` with `extra` appended, expected to fail with exactly `expected`.
    func expectIssues(_ extra: String, _ expected: [String], variables: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation) async {
        let error = await loadingError(minimalEnvironment + "\n" + extra, variables: variables)
        #expect(error?.linesWithoutPositions == expected, sourceLocation: sourceLocation)
    }

    func service(_ lines: String) -> String {
        "services:\n  api:\n    source: app\n" + lines.split(separator: "\n").map { "    \($0)" }.joined(separator: "\n")
    }

    @Test func minimalEnvironmentIsValid() async throws {
        let environment = try await loadEnvironment(minimalEnvironment)
        #expect(environment.project == "my-project-123")
        #expect(environment.buckets.isEmpty && environment.services.isEmpty && environment.cloudSQL == nil)
    }

    @Test func projectIDRule() async {
        let message = "'My_Project' is not a valid project id; use 6 to 30 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen"
        let error = await loadingError(minimalEnvironment.replacingOccurrences(of: "my-project-123", with: "My_Project"))
        #expect(error?.linesWithoutPositions == ["\(Self.file): project: \(message)"])
        for bad in ["short", "1project", "project-", String(repeating: "a", count: 31)] {
            #expect(NamingRules.projectIDProblem(bad) != nil, "\(bad)")
        }
        #expect(NamingRules.projectIDProblem("a-valid-project-1") == nil)
    }

    @Test func flagValuesAreBlamedOnTheFlag() async {
        let directory = ScratchDirectory()
        directory.write("environments/development.yaml", minimalEnvironment)
        do {
            _ = try await directory.loader(["GCP_REGION": "us-centrall"]).load(EnvironmentRequest(project: "BAD"))
            Issue.record("expected an error")
        } catch {
            #expect(error.lines == [
                "--project: 'BAD' is not a valid project id; use 6 to 30 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen",
                "$GCP_REGION: 'us-centrall' is not a region with Cloud Run and Cloud SQL; did you mean 'us-central1'?",
            ])
        }
    }

    @Test func regionRule() async {
        let error = await loadingError(minimalEnvironment.replacingOccurrences(of: "us-central1", with: "mars-north1"))
        #expect(error?.linesWithoutPositions == ["\(Self.file): region: 'mars-north1' is not a region with Cloud Run and Cloud SQL; see docs/configuration.md for the list"])
    }

    @Test func bucketNameRules() async {
        let cases: [(String, String)] = [
            ("ab", "use 3 to 63 characters"),
            ("Uploads", "use only lowercase letters, digits, hyphens, underscores and dots"),
            ("-uploads", "start and end with a letter or digit"),
            ("goog-uploads", "names may not begin with 'goog'"),
            ("my-google-files", "names may not contain 'google'"),
            ("192.168.1.1", "names may not be an IP address"),
        ]
        for (name, reason) in cases {
            #expect(NamingRules.bucketNameProblem(name) == "'\(name)' is not a valid bucket name; \(reason)")
        }
        await expectIssues("buckets:\n  - name: Uploads-{env}", [
            "\(Self.file): buckets[0].name: 'Uploads-dev' is not a valid bucket name; use only lowercase letters, digits, hyphens, underscores and dots",
        ])
        await expectIssues("buckets:\n  - name: uploads-{enviroment}", [
            "\(Self.file): buckets[0].name: unknown placeholder {enviroment} in 'uploads-{enviroment}'; use {project}, {env} or {region}",
        ])
    }

    @Test func bucketSettingsAndLifecycleRules() async {
        await expectIssues("""
        buckets:
          - name: a-bucket
            location: us-centrl1
            storageClass: COLD
            lifecycle:
              - action: Archive
                age: 3
              - action: SetStorageClass
                age: 30
              - action: Delete
                storageClass: NEARLINE
                age: -1
              - action: Delete
          - name: a-bucket
        """, [
            "\(Self.file): buckets[0].location: 'US-CENTRL1' is not a Cloud Storage location; did you mean 'US-CENTRAL1'?",
            "\(Self.file): buckets[0].storageClass: 'COLD' is not a valid storage class; use STANDARD or NEARLINE or COLDLINE or ARCHIVE",
            "\(Self.file): buckets[0].lifecycle[0].action: 'Archive' is not a valid lifecycle action; use Delete or SetStorageClass",
            "\(Self.file): buckets[0].lifecycle[1].action: SetStorageClass needs a storageClass (NEARLINE, COLDLINE or ARCHIVE)",
            "\(Self.file): buckets[0].lifecycle[2].storageClass: only SetStorageClass takes a storageClass; remove it from a Delete rule",
            "\(Self.file): buckets[0].lifecycle[2].age: -1 is negative; use an age in days, 0 or more",
            "\(Self.file): buckets[0].lifecycle[3]: a lifecycle rule needs at least one condition: age, matchesPrefix, matchesSuffix, numNewerVersions or isLive",
            "\(Self.file): buckets[1].name: 'a-bucket' is declared twice (also at buckets[0].name); bucket names must be unique",
        ])
    }

    @Test func secretAndServiceAccountRules() async {
        await expectIssues("""
        secrets:
          - id: "jwt secret"
        """, ["\(Self.file): secrets[0].id: 'jwt secret' is not a valid secret id; use 1 to 255 letters, digits, hyphens and underscores"])
        let error = await loadingError(minimalEnvironment.replacingOccurrences(of: "runtime-sa", with: "sa") + "\n  roles: [storage.admin]")
        #expect(error?.linesWithoutPositions == [
            "\(Self.file): serviceAccount.id: 'sa' is not a valid service account id; use 6 to 30 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen",
            "\(Self.file): serviceAccount.roles[0]: 'storage.admin' is not an IAM role; use a name like roles/storage.objectAdmin",
        ])
    }

    @Test func labelAndAPIRules() async {
        await expectIssues("""
        labels:
          Team: platform
          cost-centre: "Ops Team"
        apis: [run, sqladmin.googleapis.com]
        """, [
            "\(Self.file): labels.Team: 'Team' is not a valid label key; use 1 to 63 lowercase letters, digits, underscores and hyphens, starting with a lowercase letter",
            "\(Self.file): labels.cost-centre: 'Ops Team' is not a valid label value; use at most 63 lowercase letters, digits, underscores and hyphens",
            "\(Self.file): apis[0]: 'run' is not an API service name; use the full name, e.g. run.googleapis.com",
        ])
    }

    @Test func serviceNameMemoryAndCPURules() async {
        await expectIssues("services:\n  Api_Gateway:\n    source: app", [
            "\(Self.file): services.Api_Gateway: 'Api_Gateway' is not a valid Cloud Run service name; use at most 49 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen",
        ])
        await expectIssues(service("memory: 512MB\ncpu: \"3\""), [
            "\(Self.file): services.api.memory: '512MB' is not a valid memory size; use a value like 512Mi or 1Gi",
            "\(Self.file): services.api.cpu: '3' is not a valid CPU limit; use 1, 2, 4, 6 or 8, or a fraction of a CPU from 0.08 (80m) to 1",
        ])
        await expectIssues(service("memory: 64Gi"), ["\(Self.file): services.api.memory: '64Gi' is outside Cloud Run's limits; use 128Mi to 32Gi"])
        await expectIssues(service("memory: 8Gi"), ["\(Self.file): services.api.memory: '8Gi' needs at least 2 CPUs; cpu is '1'"])
        await expectIssues(service("memory: 1Gi\ncpu: \"4\""), ["\(Self.file): services.api.cpu: 4 CPUs need at least 2Gi of memory; memory is '1Gi'"])
        await expectIssues(service("cpu: 500m"), ["\(Self.file): services.api.cpu: a CPU limit below 1 requires concurrency: 1"])
        _ = await expectValid(service("cpu: \"0.5\"\nconcurrency: 1\nmemory: 2G"), false)
        #expect(await expectValid(service("cpu: \"0.5\"\nconcurrency: 1\nmemory: 512Mi"), true))
        #expect(await expectValid(service("cpu: \"2\"\nmemory: 8Gi"), true))
    }

    func expectValid(_ extra: String, _ valid: Bool) async -> Bool {
        let error = await loadingError(minimalEnvironment + "\n" + extra)
        return (error == nil) == valid
    }

    @Test func serviceScalingAndReferenceRules() async {
        await expectIssues(service("""
        port: 70000
        minInstances: 5
        maxInstances: 2
        timeoutSeconds: 4000
        concurrency: 0
        cloudSQL: true
        env:
          PORT: "8080"
          JWT_SECRET: x
        secrets:
          JWT_SECRET: jwt-secrt
        """), [
            "\(Self.file): services.api.port: 70000 is not a port; use 1 to 65535",
            "\(Self.file): services.api.minInstances: 5 is more than maxInstances (2)",
            "\(Self.file): services.api.timeoutSeconds: 4000 is outside Cloud Run's limits; use 1 to 3600 seconds",
            "\(Self.file): services.api.concurrency: 0 is outside Cloud Run's limits; use 1 to 1000",
            "\(Self.file): services.api.cloudSQL: true, but the environment has no cloudSQL block",
            "\(Self.file): services.api.env.PORT: PORT is set by Cloud Run from the service's port key; remove it",
            "\(Self.file): services.api.env.JWT_SECRET: also mounted from a secret under secrets; keep one",
            "\(Self.file): services.api.secrets.JWT_SECRET: 'jwt-secrt' is not one of the secrets this environment declares ()",
        ])
    }

    @Test func cloudSQLRules() async {
        await expectIssues("""
        secrets:
          - id: database-password
        cloudSQL:
          instance: db-{env}
          databaseVersion: POSTGRES_14
          edition: ENTERPRISE_PLUS
          tier: db-f1-micro
          availability: HA
          storage: {type: SSD, sizeGb: 5}
          backups: {enabled: false, startTime: "3am", pointInTimeRecovery: true, retainedBackups: 0}
          maintenanceWindow: {day: SUNDAY, hour: 24}
          database: app
          passwordSecret: database-pasword
        """, [
            "\(Self.file): cloudSQL.databaseVersion: 'POSTGRES_14' is too old: pgvector needs POSTGRES_15 or later",
            "\(Self.file): cloudSQL.tier: db-f1-micro is an Enterprise tier; use edition ENTERPRISE, or a db-perf-optimized-N-<vCPUs> tier",
            "\(Self.file): cloudSQL.availability: 'HA' is not a valid availability; use ZONAL or REGIONAL",
            "\(Self.file): cloudSQL.storage.type: 'SSD' is not a valid storage type; use PD_SSD or PD_HDD",
            "\(Self.file): cloudSQL.storage.sizeGb: 5 is outside Cloud SQL's limits; use 10 to 65536 GB",
            "\(Self.file): cloudSQL.backups.startTime: '3am' is not a time of day; use HH:MM in UTC, e.g. 03:00",
            "\(Self.file): cloudSQL.backups.pointInTimeRecovery: point-in-time recovery needs backups: enabled: true",
            "\(Self.file): cloudSQL.backups.retainedBackups: 0 is outside 1 to 365 backups",
            "\(Self.file): cloudSQL.maintenanceWindow.day: 'SUNDAY' is not a day; use one of MON, TUE, WED, THU, FRI, SAT, SUN (did you mean 'SUN'?)",
            "\(Self.file): cloudSQL.maintenanceWindow.hour: 24 is not an hour; use 0 to 23 (UTC)",
            "\(Self.file): cloudSQL.passwordSecret: 'database-pasword' is not one of the secrets this environment declares (database-password); did you mean 'database-password'?",
        ])
    }

    @Test func cloudSQLTierRules() {
        #expect(CloudSQLRules.tierProblem("db-n1-standard-1") == "'db-n1-standard-1' is not a Cloud SQL tier; use db-f1-micro, db-g1-small, db-custom-<vCPUs>-<MiB> (e.g. db-custom-1-3840) or db-perf-optimized-N-<vCPUs>")
        #expect(CloudSQLRules.tierProblem("db-custom-3-3840") == "'db-custom-3-3840' asks for 3 vCPUs; custom tiers have 1 or an even number from 2 to 96")
        #expect(CloudSQLRules.tierProblem("db-custom-1-1000") == "'db-custom-1-1000': memory must be a multiple of 256 MiB")
        #expect(CloudSQLRules.tierProblem("db-custom-1-7168") == "'db-custom-1-7168': memory must be 0.9 to 6.5 GiB per vCPU (922 to 6656 MiB for 1 vCPU)")
        for valid in ["db-f1-micro", "db-g1-small", "db-custom-1-3840", "db-custom-2-7680", "db-perf-optimized-N-4"] {
            #expect(CloudSQLRules.tierProblem(valid) == nil, "\(valid)")
        }
        #expect(CloudSQLRules.databaseVersionProblem("MYSQL_8_0") == "'MYSQL_8_0' is not a PostgreSQL version; use POSTGRES_15, POSTGRES_16 or POSTGRES_17")
        #expect(CloudSQLRules.databaseVersionProblem("POSTGRES_17") == nil)
        #expect(CloudSQLRules.timeOfDayProblem("23:59") == nil)
        #expect(CloudSQLRules.timeOfDayProblem("24:00") != nil)
    }

    @Test func quantities() {
        #expect(MemorySize("512Mi")?.bytes == 512 << 20)
        #expect(MemorySize("1Gi")?.bytes == 1 << 30)
        #expect(MemorySize("2G")?.bytes == 2_000_000_000)
        #expect(MemorySize("1.5Gi")?.bytes == 3 << 29)
        for bad in ["512MB", "Gi", "-1Gi", "1 Gi", ""] { #expect(MemorySize(bad) == nil, "\(bad)") }
        #expect(CPULimit("1")?.millicores == 1000)
        #expect(CPULimit("500m")?.millicores == 500)
        #expect(CPULimit("0.5")?.millicores == 500)
        #expect(CPULimit("2000m")?.millicores == 2000)
        for bad in ["3", "0.05", "16", "1.5", "abc", "70m"] { #expect(CPULimit(bad) == nil, "\(bad)") }
    }

    @Test func allProblemsAreReportedTogetherOneLineEach() async {
        let error = await loadingError(minimalEnvironment + "\n" + service("memory: 1GB\ncpu: \"9\"\ntimeoutSeconds: 0"))
        #expect(error?.linesWithoutPositions.count == 3)
        #expect(error?.description.split(separator: "\n").count == 3)
    }
}
