import GCPEmulator
import Testing
import TestSupport

@Suite struct ValidationTests {
    let instances = "/sqladmin/v1/projects/my-project/instances"

    @Test func unknownBodyFieldIsRefusedNamingItsPath() async throws {
        try await withClient(ungated()) { emulator, client in
            let response = try await client.post(instances, json: ["name": "db", "settings": ["tierr": "db-f1-micro"]])
            #expect(response.status == 400)
            #expect(response.errorStatus == "INVALID_ARGUMENT")
            #expect(response.errorMessage.contains("\"tierr\""))
            let violation = response.json["error"]?["details"]?.arrayValue?.first?["fieldViolations"]?.arrayValue?.first
            #expect(violation?["field"]?.stringValue == "settings.tierr")
            let logged = try #require(emulator.requests().last)
            #expect(logged.rejected?.contains("tierr") == true)
            #expect(logged.status == 400)
        }
    }

    @Test func wrongJSONTypesAreRefused() async throws {
        try await withClient(ungated()) { _, client in
            let wrongString = try await client.post(instances, json: ["name": "db", "settings": ["tier": 5]])
            #expect(wrongString.status == 400)
            #expect(wrongString.errorMessage.contains("settings.tier"))
            // int64 travels as a JSON string; a bare number is refused.
            let int64AsNumber = try await client.post(instances, json: ["name": "db", "settings": ["dataDiskSizeGb": 10]])
            #expect(int64AsNumber.status == 400)
            #expect(int64AsNumber.errorMessage.contains("TYPE_INT64"))
            let badEnum = try await client.post(instances, json: ["name": "db", "databaseVersion": "POSTGRES_99"])
            #expect(badEnum.status == 400)
            #expect(badEnum.errorMessage.contains("databaseVersion"))
            let arrayForObject = try await client.post(instances, json: ["name": "db", "settings": ["x"]])
            #expect(arrayForObject.status == 400)
        }
    }

    @Test func unknownOrMistypedQueryParametersAreRefused() async throws {
        try await withClient(ungated()) { _, client in
            let unknown = try await client.get(instances + "?colour=blue")
            #expect(unknown.status == 400)
            #expect(unknown.errorMessage.contains("colour"))
            let notAnInteger = try await client.get(instances + "?maxResults=ten")
            #expect(notAnInteger.status == 400)
            let notABoolean = try await client.get("/storage/storage/v1/b/bkt/o?versions=maybe")
            #expect(notABoolean.status == 400)
            let systemParameters = try await client.get("/serviceusage/v1/projects/my-project/services?alt=json&prettyPrint=false&fields=services")
            #expect(systemParameters.status == 200)
        }
    }

    @Test func malformedJSONAndBodiesOnBodilessMethodsAreRefused() async throws {
        try await withClient(ungated()) { _, client in
            let malformed = try await client.send("POST", instances, body: Array("{\"name\": ".utf8))
            #expect(malformed.status == 400)
            #expect(malformed.errorMessage.contains("Invalid JSON payload"))
            let bodyOnRestart = try await client.post(instances + "/db/restart", json: ["force": true])
            #expect(bodyOnRestart.status == 400)
            #expect(bodyOnRestart.errorMessage.contains("no request body"))
        }
    }

    @Test func missingRequiredQueryParameterIsRefused() async throws {
        try await withClient(ungated()) { _, client in
            let response = try await client.post("/storage/storage/v1/b", json: ["name": "some-bucket"])
            #expect(response.status == 400)
            #expect(response.errorMessage.contains("project"))
        }
    }
}
