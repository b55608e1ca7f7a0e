import Testing
@testable import GCPCtlKit

/// Directories with the bash scripts' .env files and no environment file.
@Suite struct LegacyModeTests {
    @Test func builtInDefaultsWithTheDotEnvNames() async throws {
        let directory = ScratchDirectory()
        directory.write(".env.production", """
        GCP_PROJECT_ID=digitwinlive
        GCP_REGION=europe-west1
        GCS_BUCKET_UPLOADS=legacy-uploads
        CLOUD_SQL_CONNECTION_NAME=digitwinlive:europe-west1:old-db
        DATABASE_NAME=appdb
        JWT_SECRET=${SECRET_JWT}
        """)
        let environment = try await directory.loader().load(EnvironmentRequest(name: "production"))
        #expect(environment.origin.isLegacy)
        #expect(environment.origin.file == "built-in production defaults")
        #expect(environment.buckets.map(\.name) == ["clone-voice-models-prod", "clone-face-models-prod", "clone-documents-prod", "legacy-uploads"])
        #expect(environment.cloudSQL?.instance == "old-db")
        #expect(environment.cloudSQL?.database == "appdb")
        #expect(environment.cloudSQL?.tier == "db-custom-1-3840")
        #expect(environment.buckets.first?.location == "EUROPE-WEST1")
        #expect(environment.legacyVariables?.secretPlaceholders == ["JWT_SECRET"])
    }

    @Test func invalidDotEnvValuesAreBlamedOnTheVariable() async {
        let directory = ScratchDirectory()
        directory.write(".env.production", "GCP_PROJECT_ID=digitwinlive\nGCP_REGION=us-central1\nGCS_BUCKET_UPLOADS=Uploads\n")
        do {
            _ = try await directory.loader().load(EnvironmentRequest(name: "prod"))
            Issue.record("expected an error")
        } catch {
            #expect(error.lines == [".env.production: GCS_BUCKET_UPLOADS: 'Uploads' is not a valid bucket name; use only lowercase letters, digits, hyphens, underscores and dots"])
        }
    }

    @Test func environmentFileWinsOverDifferingDotEnvNamesWithAWarning() async throws {
        let directory = ScratchDirectory()
        directory.write("environments/development.yaml", Repository.environmentText("development"))
        directory.write(".env.development", "GCP_PROJECT_ID=dev-project-1\nGCS_BUCKET_UPLOADS=old-uploads\nCLOUD_SQL_CONNECTION_NAME=dev-project-1:us-central1:old-db\n")
        let environment = try await directory.loader().load(EnvironmentRequest())
        #expect(environment.buckets.last?.name == "clone-uploads-dev")
        #expect(environment.warnings == [
            ".env.development sets GCS_BUCKET_UPLOADS=old-uploads, but environments/development.yaml names the bucket 'clone-uploads-dev'; gcpctl uses 'clone-uploads-dev'",
            ".env.development sets CLOUD_SQL_CONNECTION_NAME=dev-project-1:us-central1:old-db, but the environment's instance is 'dev-project-1:us-central1:digitwinlive-db-dev'",
        ])
    }

    @Test func unknownNamesDoNotFallBackToLegacyMode() async {
        let directory = ScratchDirectory()
        directory.write(".env", "GCP_PROJECT_ID=p-123456\nGCP_REGION=us-central1\n")
        do {
            _ = try await directory.loader().load(EnvironmentRequest(name: "qa"))
            Issue.record("expected an error")
        } catch {
            guard case .environmentNotFound(let name, _, _) = error else { Issue.record("\(error)"); return }
            #expect(name == "qa")
        }
    }
}
