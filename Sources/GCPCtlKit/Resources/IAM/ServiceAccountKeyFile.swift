import Foundation
import GoogleCloud

/// A key for the runtime service account, written to a file of the user's choosing with
/// mode 0600 (`setup --create-key PATH`). Present when that file holds a key the account
/// still has; keyless authentication is preferred, and setup says so. Any other file at
/// that path is left alone unless `overwrite` (`--overwrite`): it may be someone's key.
public struct ServiceAccountKeyFile: Resource {
    public let email: String
    public let path: String
    public let overwrite: Bool

    public init(email: String, path: String, overwrite: Bool = false) {
        self.email = email
        self.path = path
        self.overwrite = overwrite
    }

    public var id: ResourceID { ResourceID(.serviceAccountKey, path) }
    public var dependencies: [ResourceID] { [ResourceID(.serviceAccount, email)] }

    struct KeyFile: Decodable {
        var client_email: String
        var private_key_id: String
    }

    /// The id of the key in the file, when the account still has it. Another file there
    /// (another account's key, a key since deleted, anything else) is refused before any
    /// change unless `overwrite`.
    public func observe(in context: ResourceContext) async throws -> String? {
        guard KeyFileError.fileExists(path) else { return nil }
        if let data = FileManager.default.contents(atPath: path),
           let key = try? JSONDecoder().decode(KeyFile.self, from: data), key.client_email == email {
            let keys = try await context.iam.keys(project: context.project, email: email)
            if keys.contains(where: { $0.id == key.private_key_id }) { return key.private_key_id }
        }
        if overwrite { return nil }
        throw KeyFileError(path: path, reason: "it exists and does not hold a live key of \(email)", isExistingFile: true)
    }

    public func differences(from state: String) -> [FieldChange] { [] }

    public func create(in context: ResourceContext) async throws {
        // A key Google made but gcpctl could not write is a live credential nobody holds:
        // check the file can be written first, and delete the key if writing still fails.
        try KeyFileError.checkWritable(path)
        if !overwrite && KeyFileError.fileExists(path) {
            throw KeyFileError(path: path, reason: "it appeared since setup looked", isExistingFile: true)
        }
        let key: IAMAPI.ServiceAccountKey
        do {
            key = try await context.iam.createKey(project: context.project, email: email)
        } catch let error as GoogleAPIError where KeyCreationRefusedError.matches(error) {
            throw KeyCreationRefusedError(email: email)
        }
        guard let encoded = key.privateKeyData, let contents = Data(base64Encoded: encoded) else {
            throw OperationError.failed(what: "creating a key for \(email)", message: "the answer carried no key data")
        }
        do {
            try ServiceAccountKeyFile.writePrivately(contents, to: path)
        } catch {
            if let name = key.name { try? await context.iam.deleteKey(name: name) }
            throw error
        }
        context.note("wrote a key for \(email) to \(path) (mode 0600). Keys are long-lived secrets: prefer keyless authentication (workload identity, the metadata server) and delete this key when done.")
    }

    public func update(_ state: String, changes: [FieldChange], in context: ResourceContext) async throws {}

    public func delete(in context: ResourceContext) async throws {
        if let keyID = try await observe(in: context) {
            try await context.iam.deleteKey(name: "projects/\(context.project)/serviceAccounts/\(email)/keys/\(keyID)")
        }
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Creates the file readable by its owner only before a byte is written, then
    /// renames it into place, so the key is never briefly readable by others.
    static func writePrivately(_ data: Data, to path: String) throws(KeyFileError) {
        do { try FileReplacement.write(data, to: path, mode: .always(0o600)) } catch {
            throw KeyFileError(path: path, reason: error.reason)
        }
    }
}

/// The key file `setup --create-key` names cannot, or may not, be written.
public struct KeyFileError: Error, Sendable, Equatable, CustomStringConvertible, ExitStatusProviding {
    public var path: String
    public var reason: String
    /// A file is there already and `--overwrite` was not given.
    public var isExistingFile = false

    public var description: String {
        isExistingFile
            ? "gcpctl will not overwrite the file \(path): \(reason); choose another path for --create-key, or pass --overwrite to replace it"
            : "cannot write the key file \(path): \(reason); create its directory or choose another path for --create-key"
    }

    public var exitStatus: ExitStatus { .configurationError }

    /// Anything at `path`, a symbolic link to nothing included.
    static func fileExists(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0
    }

    /// Whether a file can be created at `path`: its directory exists and is writable.
    static func checkWritable(_ path: String) throws(KeyFileError) {
        let directory = (path as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.isEmpty ? "." : directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw KeyFileError(path: path, reason: "the directory \(directory) does not exist")
        }
        guard access(directory.isEmpty ? "." : directory, W_OK) == 0 else {
            throw KeyFileError(path: path, reason: "the directory \(directory) is not writable")
        }
    }
}

extension ResourceKind {
    public static let serviceAccountKey: ResourceKind = ResourceKind(id: "service-account-key", title: "service account key",
                                                       plural: "service account keys", service: "iam.googleapis.com", section: .serviceAccount, setupPart: .serviceAccount,
        declared: { environment, options in
            options.keyFile.map { [ServiceAccountKeyFile(email: environment.serviceAccount.email, path: $0, overwrite: options.overwriteKeyFile)] } ?? []
        })
}
