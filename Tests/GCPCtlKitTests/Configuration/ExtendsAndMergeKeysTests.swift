import Testing
@testable import GCPCtlKit

/// `extends: base.yaml` and YAML merge keys, so that environment files need not repeat
/// what they share (docs/configuration.md, "Sharing between environments").
@Suite struct ExtendsAndMergeKeysTests {
    static let base = minimalEnvironment + """

    labels:
      app: shop
      team: web
    services:
      api:
        source: api
        memory: 512Mi
        env:
          LOG_LEVEL: debug
          REGION: us
      web:
        source: web
    """

    @Test func aFileIsLaidOverTheFileItExtends() async throws {
        let directory = ScratchDirectory()
        directory.write("environments/base.yaml", Self.base)
        directory.write("environments/production.yaml", """
        extends: base.yaml
        name: production
        aliases: [prod]
        labels:
          team: platform
        services:
          api:
            memory: 1Gi
            env:
              LOG_LEVEL: info
        """)
        let environment = try await directory.loader().load(EnvironmentRequest(name: "prod"))
        #expect(environment.name == "production" && environment.shortName == "prod")
        #expect(environment.project == "my-project-123", "inherited")
        #expect(environment.labels["app"] == "shop" && environment.labels["team"] == "platform")
        #expect(environment.services.map(\.name) == ["api", "web"], "the base's order")
        let api = try #require(environment.service(named: "api"))
        #expect(api.memory == "1Gi" && api.source == "api")
        #expect(api.env == ["LOG_LEVEL": "info", "REGION": "us"], "mappings merge key by key")
    }

    /// A problem in a value the file inherits is reported in the base file, at its line.
    @Test func aProblemInheritedFromTheBasePointsIntoTheBase() async {
        let directory = ScratchDirectory()
        directory.write("environments/base.yaml", Self.base.replacingOccurrences(of: "memory: 512Mi", with: "memory: 512MB"))
        directory.write("environments/production.yaml", "extends: base.yaml\nname: production\nregoin: x\n")
        do {
            _ = try await directory.loader().load(EnvironmentRequest(name: "production"))
            Issue.record("expected an error")
        } catch {
            #expect(error.lines == [
                "environments/production.yaml:3:1: regoin: unknown key; did you mean 'region'?",
                "environments/base.yaml:15:13: services.api.memory: '512MB' is not a valid memory size; use a value like 512Mi or 1Gi",
            ])
        }
    }

    @Test func aFileThatExtendsItselfIsRefused() async {
        let directory = ScratchDirectory()
        directory.write("environments/a.yaml", "extends: b.yaml\nname: development\n")
        directory.write("environments/b.yaml", "extends: a.yaml\nname: b\n")
        do {
            _ = try await directory.loader().load(EnvironmentRequest(name: "a"))
            Issue.record("expected an error")
        } catch {
            #expect(error.lines == ["environments/a.yaml: extends: extends itself through environments/a.yaml → environments/b.yaml → environments/a.yaml"])
        }
    }

    @Test func aMissingBaseIsNamed() async {
        let error = await loadingError("extends: nowhere.yaml\n" + minimalEnvironment)
        #expect(error?.lines == ["environments/nowhere.yaml: cannot be read: no such file"])
    }

    /// `<<: *anchor` adds the anchored mapping's keys where the mapping does not set them.
    @Test func mergeKeysShareSettingsInsideAFile() async throws {
        let environment = try await loadEnvironment(minimalEnvironment + """

        services:
          api: &service
            source: api
            memory: 1Gi
            maxInstances: 4
          web:
            <<: *service
            source: web
          worker:
            <<: [*service]
            maxInstances: 2
        """)
        let limits = environment.services.map { "\($0.name) \($0.source) \($0.memory) \($0.maxInstances)" }
        #expect(limits == ["api api 1Gi 4", "web web 1Gi 4", "worker api 1Gi 2"])
    }

    @Test func aMergeKeyNeedsAMapping() async {
        let error = await loadingError(minimalEnvironment + "\nlabels:\n  <<: just-text\n")
        #expect(error?.lines == ["environments/development.yaml:10:7: labels.<<: a merge key takes a mapping (<<: *anchor) or a list of them, found 'just-text'"])
    }

    /// The shipped staging and production files extend development's and resolve to the
    /// environments they described in full before.
    @Test func theShippedFilesExtendDevelopment() async throws {
        #expect(Repository.environmentText("staging").hasPrefix("# ") && Repository.environmentText("staging").contains("\nextends: development.yaml\n"))
        #expect(Repository.environmentText("production").contains("\nextends: staging.yaml\n"))
        let directory = ScratchDirectory()
        Repository.writeEnvironment("production", to: directory)
        let production = try await directory.loader().load(EnvironmentRequest(name: "prod", project: "digitwin-test"))
        #expect(production.cloudSQL?.availability == "REGIONAL" && production.cloudSQL?.tier == "db-custom-1-3840")
        #expect(production.cloudSQL?.pointInTimeRecovery == true && production.cloudSQL?.retainedBackups == 30)
        // Staging's env (its anchor), production's structured logs laid over it key by key.
        #expect(production.services.allSatisfy { $0.env == ["NODE_ENV": "production", "LOG_LEVEL": "info", "LOG_FORMAT": "json"] },
                "\(production.services.map(\.env))")
        #expect(production.buckets.map(\.name).last == "clone-uploads-prod")
    }
}
