import Foundation

/// The state file: the whole state as one JSON document, written atomically (a temporary
/// file renamed over the old one) so a crash never leaves half a file, and readable by its
/// owner only (0600), since it holds secret payloads and passwords.
enum StatePersistence {
    static func encode(_ state: EmulatorState) -> JSONValue {
        var projects: [String: JSONValue] = [:]
        for (id, project) in state.projects {
            var collections: [String: JSONValue] = [:]
            for (name, resources) in project.collections { collections[name] = .object(resources) }
            projects[id] = [
                "number": .string(project.number),
                "enabledServices": .array(project.enabledServices.sorted().map(JSONValue.string)),
                "collections": .object(collections),
            ]
        }
        let credentials = state.credentials
        return [
            "projects": .object(projects),
            "pendingOperations": .array(state.pendingOperations.sorted { ($0.project, $0.name) < ($1.project, $1.name) }
                .map { ["project": .string($0.project), "name": .string($0.name)] }),
            "trustedKeys": .object(credentials.trustedKeys.mapValues { .array($0.map(JSONValue.string)) }),
            "refreshTokens": .object(credentials.refreshTokens.mapValues {
                ["clientId": .string($0.clientID), "clientSecret": .string($0.clientSecret)]
            }),
            "revokedTokens": .array(credentials.revokedTokens.sorted().map(JSONValue.string)),
            "revokedRefreshTokens": .array(credentials.revokedRefreshTokens.sorted().map(JSONValue.string)),
        ]
    }

    static func decode(_ json: JSONValue, into state: inout EmulatorState) {
        for (id, project) in json["projects"]?.objectValue ?? [:] {
            var restored = ProjectState(id: id)
            restored.number = project["number"]?.stringValue ?? restored.number
            if let services = project["enabledServices"]?.arrayValue {
                restored.enabledServices = Set(services.compactMap(\.stringValue))
            }
            for (name, resources) in project["collections"]?.objectValue ?? [:] {
                restored.collections[name] = resources.objectValue ?? [:]
            }
            state.projects[id] = restored
        }
        for entry in json["pendingOperations"]?.arrayValue ?? [] {
            if let project = entry["project"]?.stringValue, let name = entry["name"]?.stringValue {
                state.pendingOperations.insert(OperationKey(project: project, name: name))
            }
        }
        for (email, keys) in json["trustedKeys"]?.objectValue ?? [:] {
            state.credentials.trustedKeys[email] = keys.arrayValue?.compactMap(\.stringValue) ?? []
        }
        for (token, grant) in json["refreshTokens"]?.objectValue ?? [:] {
            state.credentials.refreshTokens[token] = RefreshTokenGrant(
                clientID: grant["clientId"]?.stringValue ?? "", clientSecret: grant["clientSecret"]?.stringValue ?? "")
        }
        state.credentials.revokedTokens = Set(json["revokedTokens"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        state.credentials.revokedRefreshTokens = Set(
            json["revokedRefreshTokens"]?.arrayValue?.compactMap(\.stringValue) ?? [])
    }

    static func load(path: String, into state: inout EmulatorState) throws {
        guard FileManager.default.fileExists(atPath: path) else { return }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw EmulatorStartError.unreadableState(path, "cannot read the file")
        }
        if data.isEmpty { return }
        do {
            decode(try JSONValue.parse(Array(data)), into: &state)
        } catch {
            throw EmulatorStartError.unreadableState(path, error.description)
        }
    }

    /// The state holds secret payloads and passwords as Google would: owner-only.
    static func save(_ state: EmulatorState, path: String) {
        OwnerOnlyFile.replace(path, with: Data(encode(state).prettySerialized.utf8))
    }
}

/// Why an emulator could not start: one line saying what and why.
public enum EmulatorStartError: Error, CustomStringConvertible {
    case unreadableState(String, String)
    case notLoopback(String)
    case unwritableRequestLog(String)

    public var description: String {
        switch self {
        case .unreadableState(let path, let reason): "cannot load the state file \(path): \(reason)"
        case .notLoopback(let host): "the emulator listens on loopback only; \(host) is not a loopback address"
        case .unwritableRequestLog(let path): "cannot open the request log \(path) for writing"
        }
    }
}
