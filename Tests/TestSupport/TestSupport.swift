import CCurl
import Foundation
import GCPEmulator

/// Helpers every test target uses: an in-process emulator, test keys, key files and
/// temporary directories. Small on purpose; each says what it is for.
public enum TestSupport {}

/// Starts an emulator on an ephemeral loopback port, runs `body`, and stops it, also
/// when `body` throws.
public func withEmulator<Result: Sendable>(
    _ configuration: EmulatorConfiguration = EmulatorConfiguration(),
    _ body: (Emulator) async throws -> Result
) async throws -> Result {
    let emulator = try await Emulator.start(configuration)
    do {
        let result = try await body(emulator)
        await emulator.shutdown()
        return result
    } catch {
        await emulator.shutdown()
        throw error
    }
}

extension Emulator {
    /// The environment that points gcpctl at this emulator: API endpoint, metadata host,
    /// and (unless nil) a fixed access token.
    public func clientEnvironment(accessToken: String? = "test-token") -> [String: String] {
        // A long metadata probe: this emulator shares two cores with the rest of the suite.
        var environment = ["GCPCTL_API_ENDPOINT": baseURL, "GCE_METADATA_HOST": "127.0.0.1:\(port)", "GCE_METADATA_TIMEOUT": "30"]
        if let accessToken { environment["GCPCTL_ACCESS_TOKEN"] = accessToken }
        return environment
    }
}

extension TestSupport {
    /// A process environment with nothing in it but a metadata host on loopback that
    /// answers nothing (the discard port): for tests of commands that must not need
    /// credentials, so that a lookup they should not make fails here instead of reaching
    /// metadata.google.internal.
    public static let emptyEnvironment = ["GCE_METADATA_HOST": "127.0.0.1:9"]
}

/// A service account for tests: a fresh key pair the emulator trusts, and its key file.
public struct TestServiceAccount: Sendable {
    public var email: String
    public var keys: RSAKeyPair
    public var privateKeyID: String

    /// Generates a key pair and trusts its public key at the emulator's token endpoint.
    public static func make(
        on emulator: Emulator, email: String = "gcpctl-test@test-project.iam.gserviceaccount.com"
    ) throws -> TestServiceAccount {
        let keys = try RSAKeyPair.generate()
        emulator.trustKey(clientEmail: email, publicKeyPEM: keys.publicKeyPEM)
        return TestServiceAccount(email: email, keys: keys, privateKeyID: UUID().uuidString.lowercased())
    }

    /// Writes a `service_account` key file whose `token_uri` is the emulator's token
    /// endpoint; returns its path.
    public func writeKeyFile(in directory: TemporaryDirectory, emulator: Emulator, name: String = "key.json") throws -> String {
        let project = email.split(separator: "@").last?.split(separator: ".").first.map(String.init) ?? "test-project"
        let json = ServiceAccountKeyFile.json(
            projectID: project, clientEmail: email, clientID: "1234567890", privateKeyID: privateKeyID,
            privateKeyPEM: keys.privateKeyPEM, tokenURI: emulator.tokenURI)
        return try directory.write(name, json.prettySerialized)
    }
}

/// RS256-signs `header.claims` (base64url JSON) with a PEM private key: a JWT, for tests
/// of the token endpoint that do not go through gcpctl.
public func signJWT(header: JSONValue = ["alg": "RS256", "typ": "JWT"], claims: JSONValue, privateKeyPEM: String) throws -> String {
    func encode(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
    let signingInput = encode(header.serializedBytes) + "." + encode(claims.serializedBytes)
    let data = Array(signingInput.utf8)
    var signature: UnsafeMutablePointer<UInt8>?
    var length = 0
    var error = [CChar](repeating: 0, count: 256)
    guard ccrypto_rs256_sign(privateKeyPEM, data, data.count, &signature, &length, &error, error.count) == 1,
        let signature
    else { throw SigningFailed(reason: String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)) }
    defer { ccrypto_free(signature) }
    return signingInput + "." + encode(Array(UnsafeBufferPointer(start: signature, count: length)))
}

public struct SigningFailed: Error, CustomStringConvertible {
    public var reason: String
    public var description: String { "RS256 signing failed: \(reason)" }
}

/// A directory under the system's temporary folder, removed by `remove()`.
public struct TemporaryDirectory: Sendable {
    public let path: String

    /// Wraps a directory that already exists (it is not removed by anyone but `remove()`).
    public init(existing path: String) {
        self.path = path
    }

    public init(prefix: String = "gcpctl-test") throws {
        let template = NSTemporaryDirectory() + "/\(prefix)-XXXXXX"
        var bytes = Array(template.utf8CString)
        guard let created = mkdtemp(&bytes) else { throw CocoaError(.fileWriteUnknown) }
        path = String(cString: created)
    }

    /// Writes a file in the directory and returns its path.
    @discardableResult
    public func write(_ name: String, _ contents: String) throws -> String {
        let file = path + "/" + name
        try contents.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    public func remove() { try? FileManager.default.removeItem(atPath: path) }
}
