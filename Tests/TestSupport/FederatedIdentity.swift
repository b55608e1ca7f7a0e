import Foundation
import GCPEmulator

/// Workload identity federation arranged on the emulator as an administrator sets it up for
/// CI (docs/ci.md): a pool with a GitHub-like OIDC provider whose `attribute.repository`
/// comes from the token, a deployer service account the repository's identities may
/// impersonate (roles/iam.workloadIdentityUser), the IAM Service Account Credentials API
/// enabled; and the identity tokens the CI system would hand a job.
public struct FederatedIdentity: Sendable {
    public static let issuer = "https://token.actions.githubusercontent.com"
    public static let repository = "acme/app"

    public let project: String
    /// `//iam.googleapis.com/projects/NUMBER/locations/global/workloadIdentityPools/ci-pool/providers/github`.
    public let audience: String
    public let serviceAccount: String
    let signingKey: RSAKeyPair

    public static func arrange(on emulator: Emulator, project: String = "demo-project",
                               accountID: String = "ci-deployer") async throws -> FederatedIdentity {
        let audience = emulator.addWorkloadIdentityProvider(
            project: project, pool: "ci-pool", provider: "github", issuerURI: issuer,
            attributeMapping: ["google.subject": "assertion.sub", "attribute.repository": "assertion.repository"])
        emulator.setServices(["iam.googleapis.com", "iamcredentials.googleapis.com"], enabled: true, project: project)
        let created = try await RawHTTPClient(port: emulator.port, token: "administrator-token")
            .post("/iam/v1/projects/\(project)/serviceAccounts", json: ["accountId": .string(accountID)])
        guard created.status == 200 || created.status == 409 else { throw ArrangeFailed(step: "create \(accountID)", answer: created.text) }
        let email = "\(accountID)@\(project).iam.gserviceaccount.com"
        let pool = audience.dropFirst("//iam.googleapis.com/".count).components(separatedBy: "/providers/")[0]
        emulator.addIAMBinding(project: project, resource: "projects/\(project)/serviceAccounts/\(email)",
                               role: "roles/iam.workloadIdentityUser",
                               member: "principalSet://iam.googleapis.com/\(pool)/attribute.repository/\(repository)")
        return FederatedIdentity(project: project, audience: audience, serviceAccount: email, signingKey: try RSAKeyPair.generate())
    }

    /// An identity token as GitHub Actions issues one for a job of `repository`, for the
    /// provider's default audience, valid for `lifetime` seconds from `now`.
    public func subjectToken(repository: String = FederatedIdentity.repository, issuer: String = FederatedIdentity.issuer,
                             lifetime: Int = 600, now: Date = Date()) throws -> String {
        let issued = Int(now.timeIntervalSince1970)
        return try signJWT(
            header: ["alg": "RS256", "typ": "JWT", "kid": "ci-key-1"],
            claims: [
                "iss": .string(issuer), "aud": .string("https://" + audience.dropFirst(2)),
                "sub": .string("repo:\(repository):ref:refs/heads/main"), "repository": .string(repository),
                "iat": .int(issued), "nbf": .int(issued), "exp": .int(issued + lifetime),
            ],
            privateKeyPEM: signingKey.privateKeyPEM)
    }

    /// The `external_account` file a CI action writes: `credentialSource` as given, through
    /// the emulator's STS, impersonating the deployer unless `impersonate` is false.
    public func credentialsFile(credentialSource: JSONValue, impersonate: Bool = true, extra: JSONValue = [:]) -> String {
        var file: JSONValue = [
            "type": "external_account", "audience": .string(audience),
            "subject_token_type": "urn:ietf:params:oauth:token-type:jwt",
            "token_url": "https://sts.googleapis.com/v1/token",
            "credential_source": credentialSource,
        ]
        if impersonate {
            file["service_account_impersonation_url"] = .string(
                "https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/\(serviceAccount):generateAccessToken")
        }
        for (key, value) in extra.objectValue ?? [:] { file[key] = value }
        return file.prettySerialized
    }
}

public struct ArrangeFailed: Error, CustomStringConvertible {
    public var step: String
    public var answer: String

    public init(step: String, answer: String) {
        self.step = step
        self.answer = answer
    }

    public var description: String { "arranging the emulator failed at \(step): \(answer)" }
}
