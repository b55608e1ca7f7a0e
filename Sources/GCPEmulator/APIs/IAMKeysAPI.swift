import Foundation

/// IAM v1 service account keys: `keys.create` makes an RSA key pair, answers with
/// `privateKeyData` (base64 of a key file whose `token_uri` is this emulator's token
/// endpoint) and trusts the public key there. At most 10 keys per account.
enum IAMKeysAPI {
    /// Keys are kept under `EMAIL/KEY-ID`, with the public key in `@publicKeyPem`.
    static let collection = "iam.serviceAccountKeys"
    static let maximumKeys = 10

    static let handlers: [String: APIHandler] = [
        "iam.projects.serviceAccounts.keys.create": create,
        "iam.projects.serviceAccounts.keys.list": list,
        "iam.projects.serviceAccounts.keys.get": get,
        "iam.projects.serviceAccounts.keys.delete": delete,
    ]

    static func untrust(_ key: JSONValue, email: String, state: inout EmulatorState) {
        guard let pem = key["@publicKeyPem"]?.stringValue else { return }
        state.credentials.trustedKeys[email]?.removeAll { $0 == pem }
        state.markChanged()
    }

    private static func create(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (project, email, account) = try IAMServiceAccountsAPI.find(request.path("name"), in: state)
        if request.configuration.secureByDefault {
            // As Google answers under constraints/iam.disableServiceAccountKeyCreation.
            var error = APIError.failedPrecondition("Key creation is not allowed on this service account.")
            error.details = [[
                "@type": "type.googleapis.com/google.rpc.PreconditionFailure",
                "violations": [[
                    "type": "constraints/iam.disableServiceAccountKeyCreation",
                    "subject": .string("projects/\(project)?configvalue=\(email)"),
                    "description": "Key creation is not allowed on this service account.",
                ]],
            ]]
            throw error
        }
        guard state.resources(project, collection, prefix: email + "/").count < maximumKeys else {
            throw APIError.failedPrecondition("Precondition check failed.")
        }
        let type = request.body["privateKeyType"]?.stringValue ?? "TYPE_GOOGLE_CREDENTIALS_FILE"
        guard type != "TYPE_PKCS12_FILE" else {
            throw APIError.unimplemented("The emulator makes TYPE_GOOGLE_CREDENTIALS_FILE keys only.")
        }
        let pair: RSAKeyPair
        do { pair = try RSAKeyPair.generate() } catch { throw APIError.internalError("\(error)") }
        let keyID = Checksums.md5(Array(pair.publicKeyPEM.utf8)).map { String(format: "%02x", $0) }.joined()
            + String(format: "%08x", Checksums.crc32c(Array(pair.privateKeyPEM.utf8)))
        let keyFile = ServiceAccountKeyFile.json(
            projectID: project, clientEmail: email, clientID: account["uniqueId"]?.stringValue ?? "",
            privateKeyID: keyID, privateKeyPEM: pair.privateKeyPEM, tokenURI: request.baseURL + "/oauth2/token")
        let key: JSONValue = [
            "name": .string("projects/\(project)/serviceAccounts/\(email)/keys/\(keyID)"),
            "privateKeyType": "TYPE_GOOGLE_CREDENTIALS_FILE", "keyAlgorithm": "KEY_ALG_RSA_2048",
            "validAfterTime": .string(request.timestamp), "validBeforeTime": "9999-12-31T23:59:59Z",
            "keyOrigin": "GOOGLE_PROVIDED", "keyType": "USER_MANAGED",
            "@publicKeyPem": .string(pair.publicKeyPEM),
        ]
        state.setResource(project, collection, "\(email)/\(keyID)", key)
        state.credentials.trustedKeys[email, default: []].append(pair.publicKeyPEM)
        var answer = key
        answer["privateKeyData"] = .string(Base64.encode(keyFile.prettySerialized.utf8.map { $0 }))
        return .resource(answer)
    }

    private static func list(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (project, email, _) = try IAMServiceAccountsAPI.find(request.path("name"), in: state)
        let types = request.query.values["keyTypes"] ?? []
        let keys = state.resources(project, collection, prefix: email + "/").map(\.value)
            .filter { types.isEmpty || types.contains($0["keyType"]?.stringValue ?? "") }
        return .resource(["keys": .array(keys)])
    }

    private static func find(_ request: APIRequest, _ state: EmulatorState) throws -> (project: String, key: String, value: JSONValue) {
        let name = request.path("name")
        guard let range = name.range(of: "/keys/") else { throw APIError.invalidArgument("Invalid key name: \(name)") }
        let (project, email, _) = try IAMServiceAccountsAPI.find(String(name[..<range.lowerBound]), in: state)
        let key = "\(email)/\(name[range.upperBound...])"
        guard let value = state.resource(project, collection, key) else {
            throw APIError.notFound("Unknown service account key \(name).")
        }
        return (project, key, value)
    }

    private static func get(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        .resource(try find(request, state).value)
    }

    private static func delete(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (project, key, value) = try find(request, state)
        untrust(value, email: String(key.prefix { $0 != "/" }), state: &state)
        state.removeResource(project, collection, key)
        return .empty
    }
}
