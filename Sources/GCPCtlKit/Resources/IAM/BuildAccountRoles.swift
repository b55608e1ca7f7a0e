import GoogleCloud

/// What the build account may do beyond the project's Cloud Logging: read the source
/// archives in the staging bucket (`roles/storage.objectViewer` on that bucket), write its
/// log to the logs bucket (`roles/storage.admin` on that bucket, as Google asks for a
/// user-created logs bucket) and push images to the repository
/// (`roles/artifactregistry.writer` on that repository). Each is a binding in that
/// resource's own IAM policy, read-modify-written with its etag, so no other binding is
/// touched and nothing is granted on the project.
public struct BuildAccountRoles: Resource {
    public struct Grant: Sendable, Hashable, CustomStringConvertible {
        public enum Target: Sendable, Hashable {
            case bucket(String)
            case repository(location: String, id: String)
        }

        public var role: String
        public var target: Target

        /// `roles/storage.objectViewer on gs://P_cloudbuild`.
        public var description: String {
            switch target {
            case .bucket(let name): "\(role) on gs://\(name)"
            case .repository(let location, let id): "\(role) on repository \(id) (\(location))"
            }
        }
    }

    public let account: Environment.ServiceAccount
    public let grants: [Grant]
    public var conflictAttempts = 5

    public init(_ environment: Environment) {
        account = environment.buildServiceAccount
        let registry = environment.artifactRegistry
        grants = [
            Grant(role: "roles/storage.objectViewer", target: .bucket(StagingBucket(environment: environment).name)),
            Grant(role: "roles/storage.admin", target: .bucket(BuildLogsBucket(environment: environment).name)),
            Grant(role: "roles/artifactregistry.writer", target: .repository(location: registry.location, id: registry.repository)),
        ]
    }

    public var member: String { "serviceAccount:\(account.email)" }
    public var id: ResourceID { ResourceID(.buildAccountRoles, account.email) }
    public var dependencies: [ResourceID] {
        var ids = [ResourceID(.serviceAccount, account.email)]
        for grant in grants {
            switch grant.target {
            case .bucket(let name): ids.append(ResourceID(.bucket, name))
            case .repository(_, let id): ids.append(ResourceID(.artifactRepository, id))
            }
        }
        return ids
    }

    /// The grants in place now (a bucket or repository not there yet holds none); nil when
    /// none is.
    public func observe(in context: ResourceContext) async throws -> Set<Grant>? {
        let held = try await withThrowingTaskGroup(of: Grant?.self) { group in
            for grant in grants {
                group.addTask { try await policy(of: grant.target, in: context)?.members(of: grant.role).contains(member) == true ? grant : nil }
            }
            return try await group.reduce(into: Set<Grant>()) { if let grant = $1 { $0.insert(grant) } }
        }
        return held.isEmpty ? nil : held
    }

    public func differences(from held: Set<Grant>) -> [FieldChange] {
        grants.filter { !held.contains($0) }.map { FieldChange($0.description, old: "not granted", new: "granted") }
    }

    public func create(in context: ResourceContext) async throws {
        for grant in grants { try await modify(grant.target, in: context) { $0.grant(grant.role, to: member) } }
    }

    public func update(_ held: Set<Grant>, changes: [FieldChange], in context: ResourceContext) async throws {
        for grant in grants where !held.contains(grant) {
            try await modify(grant.target, in: context) { $0.grant(grant.role, to: member) }
        }
    }

    public func delete(in context: ResourceContext) async throws {
        for grant in grants { try await modify(grant.target, in: context) { $0.revoke(grant.role, from: member) } }
    }

    func policy(of target: Grant.Target, in context: ResourceContext) async throws -> IAMPolicy? {
        switch target {
        case .bucket(let name): try await context.storage.iamPolicy(bucket: name)
        case .repository(let location, let id): try await context.artifactRegistry.iamPolicy(project: context.project, location: location, repository: id)
        }
    }

    /// Read, change, write with the etag read; on a concurrent change, again. A target that
    /// does not exist has nothing to change.
    private func modify(_ target: Grant.Target, in context: ResourceContext, _ change: @Sendable (inout IAMPolicy) -> Bool) async throws {
        for attempt in 1...conflictAttempts {
            guard var policy = try await policy(of: target, in: context), change(&policy) else { return }
            policy.version = 3
            // A just-created account is unknown to IAM for up to a minute.
            let retry = [RetryPredicates.serviceAccountNotYetVisible]
            do {
                switch target {
                case .bucket(let name):
                    _ = try await context.storage.setIAMPolicy(bucket: name, policy: policy, retryAlso: retry)
                case .repository(let location, let id):
                    _ = try await context.artifactRegistry.setIAMPolicy(project: context.project, location: location, repository: id,
                                                                        policy: policy, retryAlso: retry)
                }
                return
            } catch let error as GoogleAPIError where (error.httpStatus == 409 || error.httpStatus == 412) && attempt < conflictAttempts {
                context.note("an IAM policy changed while gcpctl was writing it; reading it again")
            }
        }
    }
}

extension ResourceKind {
    /// The build account's roles on the buckets and the repository a build uses (its
    /// bucket roles need Cloud Storage; its repository role, Artifact Registry).
    public static let buildAccountRoles: ResourceKind = ResourceKind(
        id: "build-account-roles", title: "bucket and repository roles of", plural: "bucket and repository roles",
        service: "storage.googleapis.com", section: .serviceAccount, setupPart: .serviceAccount,
        declared: { environment, _ in [BuildAccountRoles(environment)] })
}
