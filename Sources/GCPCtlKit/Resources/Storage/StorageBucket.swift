import GoogleCloud

/// A Cloud Storage bucket with its location, class, uniform access, versioning,
/// lifecycle rules and labels. Bucket names are global: a bucket another project holds
/// (its `projectNumber` is not the environment's) is reported, never adopted, changed or
/// deleted (`Ownership`).
public struct StorageBucket: KindResource {
    public let bucket: Environment.Bucket

    public init(_ bucket: Environment.Bucket) {
        self.bucket = bucket
    }

    public var identity: ResourceIdentity { ResourceIdentity(.bucket, bucket.name) }

    /// The bucket, when this project holds it; `BucketNameTaken` when another does.
    public static func observe(_ identity: ResourceIdentity, in context: ResourceContext) async throws -> StorageAPI.Bucket? {
        guard let state = try await read(identity, in: context) else { return nil }
        if case .otherProject(let number) = try await Ownership.of(state, in: context) {
            throw BucketNameTaken(name: identity.name, holder: number)
        }
        return state
    }

    /// The bucket of this name, whichever project holds it. The project's number, which
    /// tells, is asked at the same time.
    public static func read(_ identity: ResourceIdentity, in context: ResourceContext) async throws -> StorageAPI.Bucket? {
        async let numberKnown = try? context.projectNumber()
        do {
            let state = try await context.storage.bucket(identity.name)
            _ = await numberKnown
            return state
        } catch let error as GoogleAPIError where error.httpStatus == 403 && error.disabledService == nil {
            throw BucketNameTaken(name: identity.name, missingPermission: error.missingPermission)
        }
    }

    public func differences(from state: StorageAPI.Bucket) throws -> [FieldChange] {
        if let location = state.location, location.uppercased() != bucket.location.uppercased() {
            throw ImmutableFieldError(
                resource: id, changes: [FieldChange("location", old: location, new: bucket.location)],
                advice: "A bucket's location is fixed; move its objects to a new bucket, or set the location back in the environment file.")
        }
        var changes = FieldChanges()
        changes.compare("storageClass", observed: state.storageClass, desired: bucket.storageClass)
        changes.compare("uniformBucketLevelAccess", observed: state.iamConfiguration?.uniformBucketLevelAccess?.enabled ?? false,
                        desired: bucket.uniformAccess)
        changes.compare("versioning", observed: state.versioning?.enabled ?? false, desired: bucket.versioning)
        let observedRules = state.lifecycle?.rule ?? []
        let desiredRules = StorageBucket.lifecycleRules(bucket.lifecycle)
        for index in 0..<max(observedRules.count, desiredRules.count) {
            let old = index < observedRules.count ? StorageBucket.describe(observedRules[index]) : nil
            let new = index < desiredRules.count ? StorageBucket.describe(desiredRules[index]) : nil
            if old != new { changes.append(FieldChange("lifecycle.rule[\(index)]", old: old, new: new)) }
        }
        changes.compareLabels(observed: state.labels, desired: bucket.labels)
        return changes.all
    }

    public func create(in context: ResourceContext) async throws {
        let result = try await context.storage.createBucket(project: context.project, desired)
        if case .alreadyExisted = result {
            // Ours from an earlier attempt, or someone else's: only a GET can tell, and
            // `observe` refuses another project's.
            guard let existing = try await observe(in: context) else { throw BucketNameTaken(name: bucket.name) }
            let changes = try differences(from: existing)
            if !changes.isEmpty { try await update(existing, changes: changes, in: context) }
        }
    }

    public func update(_ state: StorageAPI.Bucket, changes: [FieldChange], in context: ResourceContext) async throws {
        var patch = desired
        patch.name = nil
        patch.location = nil
        guard case .object(var body) = try JSONValue(encoding: patch) else { return }
        // A patch merges label maps; a label to remove is sent as null.
        var labels = bucket.labels.mapValues(JSONValue.string)
        for key in (state.labels ?? [:]).keys where bucket.labels[key] == nil { labels[key] = .null }
        body["labels"] = .object(labels)
        _ = try await context.storage.patchBucket(bucket.name, body: .object(body))
    }

    /// Deletes every object generation, then the bucket (Cloud Storage refuses a bucket
    /// that still holds objects).
    public static func delete(_ identity: ResourceIdentity, in context: ResourceContext) async throws {
        let bucket = identity.name
        let objects = try await context.storage.objects(bucket: bucket, versions: true)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for object in objects {
                guard let name = object.name else { continue }
                group.addTask { try await context.storage.deleteObject(bucket: bucket, name: name, generation: object.generation) }
            }
            try await group.waitForAll()
        }
        try await context.storage.deleteBucket(bucket)
    }

    var desired: StorageAPI.Bucket {
        StorageAPI.Bucket(
            name: bucket.name, location: bucket.location, storageClass: bucket.storageClass, labels: bucket.labels,
            lifecycle: StorageAPI.Lifecycle(rule: StorageBucket.lifecycleRules(bucket.lifecycle)),
            iamConfiguration: StorageAPI.IAMConfiguration(uniformBucketLevelAccess: .init(enabled: bucket.uniformAccess)),
            versioning: .init(enabled: bucket.versioning))
    }

    static func lifecycleRules(_ rules: [Environment.LifecycleRule]) -> [StorageAPI.Lifecycle.Rule] {
        rules.map { rule in
            StorageAPI.Lifecycle.Rule(
                action: .init(type: rule.action, storageClass: rule.storageClass),
                condition: .init(age: rule.age, isLive: rule.isLive, numNewerVersions: rule.numNewerVersions,
                                 matchesPrefix: rule.matchesPrefix.isEmpty ? nil : rule.matchesPrefix,
                                 matchesSuffix: rule.matchesSuffix.isEmpty ? nil : rule.matchesSuffix))
        }
    }

    /// `Delete if age ≥ 7 days, prefix tmp/`: how a rule reads in a plan.
    static func describe(_ rule: StorageAPI.Lifecycle.Rule) -> String {
        var text = rule.action.type + (rule.action.storageClass.map { " to \($0)" } ?? "")
        var conditions: [String] = []
        if let age = rule.condition.age { conditions.append("age ≥ \(age) days") }
        if let live = rule.condition.isLive { conditions.append(live ? "live" : "noncurrent") }
        if let newer = rule.condition.numNewerVersions { conditions.append("\(newer) newer versions") }
        if let prefixes = rule.condition.matchesPrefix, !prefixes.isEmpty { conditions.append("prefix \(prefixes.joined(separator: "|"))") }
        if let suffixes = rule.condition.matchesSuffix, !suffixes.isEmpty { conditions.append("suffix \(suffixes.joined(separator: "|"))") }
        if !conditions.isEmpty { text += " if " + conditions.joined(separator: ", ") }
        return text
    }
}

/// A bucket name gcpctl cannot use: another project holds it (bucket names are global), or
/// Google would not let these credentials look (which, for a bucket, it answers the same way).
public struct BucketNameTaken: Error, Sendable, CustomStringConvertible {
    public var name: String
    /// The number of the project that holds it, when Google showed it.
    public var holder: String?
    public var missingPermission: String?
    /// What to do instead of renaming it in the environment file (the staging bucket).
    public var advice = "Choose another name in the environment file, e.g. with {project} in it."

    public init(name: String, holder: String? = nil, missingPermission: String? = nil) {
        self.name = name
        self.holder = holder
        self.missingPermission = missingPermission
    }

    public var description: String {
        if let holder {
            return "The bucket \(name) is held by project \(holder), not this one (bucket names are global); gcpctl never changes or deletes it. \(advice)"
        }
        guard let missingPermission else {
            return "The bucket name \(name) belongs to another project (bucket names are global). \(advice)"
        }
        return "The bucket \(name) cannot be read: the caller lacks \(missingPermission). Either another project owns the name (bucket names are global: choose another, e.g. with {project} in it) or grant the account a role with \(missingPermission) on this project."
    }
}

extension ResourceKind {
    public static let bucket: ResourceKind = ResourceKind(
        id: "bucket", title: "bucket", plural: "buckets", commandNames: ["bucket"], service: "storage.googleapis.com",
        priceKeys: [.storageStandard, .storageNearline, .storageColdline, .storageArchive], section: .buckets,
        teardown: Teardown(consequence: "and every object in it", reviewed: "every object and version in it first"),
        nameProblem: NamingRules.bucketNameProblem,
        identify: { name, _ in ResourceIdentity(.bucket, name) },
        list: { context, detail in try await StorageBucket.list(in: context, detail) }, setupPart: .buckets,
        declared: { environment, _ in
            // The build account's staging and logs buckets: setup makes them, though the file does not name them.
            environment.buckets.map(StorageBucket.init) + [StagingBucket(environment: environment), BuildLogsBucket(environment: environment).resource]
        })
        .deleted(by: StorageBucket.self)
        .priced { estimator in try estimator.buckets() }
    /// `PROJECT_cloudbuild`, where source archives are uploaded for Cloud Build: a bucket
    /// gcpctl finds and may delete, but does not declare.
    public static let buildBucket: ResourceKind = ResourceKind(id: "cloud-build-bucket", title: "Cloud Build staging bucket",
                                                 plural: "Cloud Build staging bucket", service: "storage.googleapis.com", section: .buckets,
                                                 teardown: Teardown(reviewed: "every object and version in it first"),
                                                 foundBy: "bucket")
        .deleted(by: StorageBucket.self)
}

extension StatusSection {
    public static let buckets = StatusSection(id: "buckets", title: "Buckets")
}
