import Foundation

/// IAM v1 service accounts: `accountId` becomes `ACCOUNT@PROJECT.iam.gserviceaccount.com`
/// with a 21-digit `uniqueId`. A new account stays invisible to setIamPolicy for
/// `--iam-propagation-seconds` (`@visibleAt`), as Google's eventual consistency makes it.
enum IAMServiceAccountsAPI {
    static let collection = "iam.serviceAccounts"

    static let handlers: [String: APIHandler] = [
        "iam.projects.serviceAccounts.create": create,
        "iam.projects.serviceAccounts.get": get,
        "iam.projects.serviceAccounts.list": list,
        "iam.projects.serviceAccounts.delete": delete,
        "iam.projects.serviceAccounts.patch": patch,
    ]

    /// The account a `projects/P/serviceAccounts/EMAIL-OR-UNIQUE-ID` name refers to (`P`
    /// may be `-`); 404 when there is none.
    static func find(_ name: String, in state: EmulatorState) throws -> (project: String, email: String, account: JSONValue) {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 4, parts[0] == "projects", parts[2] == "serviceAccounts" else {
            throw APIError.invalidArgument("Invalid service account name: \(name)")
        }
        let identifier = parts[3]
        for (projectID, project) in state.projects.sorted(by: { $0.key < $1.key }) where parts[1] == "-" || parts[1] == projectID || parts[1] == project.number {
            for (email, account) in project.collections[collection] ?? [:]
            where email == identifier || account["uniqueId"]?.stringValue == identifier {
                return (projectID, email, account)
            }
        }
        throw APIError.notFound("Unknown service account")
    }

    /// Whether `email` names an account the emulator holds and setIamPolicy can already see.
    /// Nil when the email is not one of this emulator's projects' accounts.
    static func isVisible(_ email: String, state: EmulatorState, now: Date) -> Bool? {
        guard let domain = email.split(separator: "@").last, domain.hasSuffix(".iam.gserviceaccount.com") else { return nil }
        let project = String(domain.dropLast(".iam.gserviceaccount.com".count))
        guard state.projects[project] != nil else { return nil }
        guard let account = state.resource(project, collection, email) else { return false }
        let visibleAt = account["@visibleAt"]?.doubleValue ?? 0
        return now.timeIntervalSince1970 >= visibleAt
    }

    private static func isValidAccountID(_ id: String) -> Bool {
        let bytes = Array(id.utf8)
        guard (6...30).contains(bytes.count), let first = bytes.first, let last = bytes.last, (97...122).contains(first),
            last != UInt8(ascii: "-")
        else { return false }
        return bytes.allSatisfy { (97...122).contains($0) || (48...57).contains($0) || $0 == UInt8(ascii: "-") }
    }

    private static func create(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let project = try request.requireProject()
        guard let accountID = request.body["accountId"]?.stringValue else {
            throw APIError.invalidArgument("Account ID is required.")
        }
        guard isValidAccountID(accountID) else {
            throw APIError.invalidArgument(
                "Invalid account ID \(accountID): it must be 6 to 30 lowercase letters, digits or hyphens, starting with a letter.")
        }
        let email = "\(accountID)@\(project).iam.gserviceaccount.com"
        guard state.resource(project, collection, email) == nil else {
            throw APIError.alreadyExists("Service account \(accountID) already exists within project projects/\(project).")
        }
        let uniqueID = uniqueID(for: email)
        let given = request.body["serviceAccount"] ?? [:]
        var account: JSONValue = [
            "name": .string("projects/\(project)/serviceAccounts/\(email)"), "projectId": .string(project),
            "uniqueId": .string(uniqueID), "email": .string(email), "oauth2ClientId": .string(uniqueID),
            "etag": "MDEwMjE5MjA=",
            "@visibleAt": .double(request.now.timeIntervalSince1970 + request.configuration.iamPropagationSeconds),
        ]
        for field in ["displayName", "description"] { account[field] = given[field] }
        state.setResource(project, collection, email, account)
        return .resource(account)
    }

    /// 21 digits derived from the email, like Google's numeric ids.
    private static func uniqueID(for email: String) -> String {
        let first = ProjectState.projectNumber(for: email)
        let second = ProjectState.projectNumber(for: String(email.reversed()))
        return "1" + first.suffix(10) + second.suffix(10)
    }

    private static func get(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        .resource(try find(request.path("name"), in: state).account)
    }

    private static func list(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let project = try request.requireProject()
        let page = try request.page(state.resources(project, collection).map(\.value), defaultSize: 20)
        return .resource(page.body("accounts"))
    }

    private static func delete(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (project, email, _) = try find(request.path("name"), in: state)
        for (key, value) in state.resources(project, IAMKeysAPI.collection, prefix: email + "/") {
            IAMKeysAPI.untrust(value, email: email, state: &state)
            state.removeResource(project, IAMKeysAPI.collection, key)
        }
        state.removeResource(project, collection, email)
        return .empty
    }

    private static func patch(_ request: APIRequest, _ state: inout EmulatorState) throws -> HTTPResponseMessage {
        let (project, email, account) = try find(request.path("name"), in: state)
        let changes = request.body["serviceAccount"] ?? [:]
        let mask = request.body["updateMask"]?.stringValue.map { $0.split(separator: ",").map(String.init) }
            ?? ["displayName", "description"].filter { changes[$0] != nil }
        var updated = account
        for field in mask {
            guard ["displayName", "description"].contains(field) else {
                throw APIError.invalidArgument("Field \(field) cannot be updated.", field: "updateMask")
            }
            updated[field] = changes[field] ?? .string("")
        }
        updated["etag"] = .string(Base64.encode(Array(UUID().uuidString.utf8.prefix(8))))
        state.setResource(project, collection, email, updated)
        return .resource(updated)
    }
}
