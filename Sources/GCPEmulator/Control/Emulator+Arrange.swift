/// Shortcuts for tests that change the cloud behind the client's back (drift, deletions,
/// APIs switched off), all through `mutateState`.
extension Emulator {
    /// Changes one stored resource in place; false when it does not exist.
    @discardableResult
    public func updateResource(project: String, collection: String, name: String, _ change: (inout JSONValue) -> Void) -> Bool {
        mutateState { state in
            guard var value = state.resource(project, collection, name) else { return false }
            change(&value)
            state.setResource(project, collection, name, value)
            return true
        }
    }

    /// Deletes a bucket and every object in it, wherever it lives; false when absent.
    @discardableResult
    public func deleteBucket(_ name: String) -> Bool {
        mutateState { state in
            guard let (project, _) = state.findResource(EmulatorCollections.buckets, name) else { return false }
            for (key, _) in state.resources(project, EmulatorCollections.objects, prefix: name + "/") {
                state.removeResource(project, EmulatorCollections.objects, key)
            }
            state.removeResource(project, EmulatorCollections.buckets, name)
            state.removeResource(project, IAMPolicy.collection, StorageBucketIAM.key(name))
            return true
        }
    }

    /// Makes a bucket in `project` (created if need be) as its owner would, with `labels`;
    /// false when the name is taken. Bucket names are global, so every project sees it: a
    /// test's way to hold a name the environment uses in someone else's project.
    @discardableResult
    public func createBucket(_ name: String, project: String, labels: [String: String] = [:], location: String = "US") -> Bool {
        let now = RFC3339.format(core.clock.now())
        return mutateState { state in
            guard state.findResource(EmulatorCollections.buckets, name) == nil else { return false }
            state.addProject(project)
            state.setResource(project, EmulatorCollections.buckets, name, [
                "kind": "storage#bucket", "id": .string(name), "name": .string(name),
                "projectNumber": .string(state.projectNumber(project)), "location": .string(location),
                "locationType": "multi-region", "storageClass": "STANDARD", "rpo": "DEFAULT",
                "iamConfiguration": ["uniformBucketLevelAccess": ["enabled": false], "bucketPolicyOnly": ["enabled": false],
                                     "publicAccessPrevention": "inherited"],
                "labels": .object(labels.mapValues(JSONValue.string)),
                "metageneration": "1", "generation": "1", "timeCreated": .string(now), "updated": .string(now), "etag": "CAE=",
            ])
            return true
        }
    }

    /// Sets (or with nil removes) one label on a bucket; false when the bucket is absent.
    @discardableResult
    public func setBucketLabel(_ bucket: String, key: String, value: String?) -> Bool {
        mutateState { state in
            guard let (project, _) = state.findResource(EmulatorCollections.buckets, bucket) else { return false }
            guard var stored = state.resource(project, EmulatorCollections.buckets, bucket) else { return false }
            var labels = stored["labels"]?.objectValue ?? [:]
            labels[key] = value.map(JSONValue.string)
            stored["labels"] = .object(labels)
            state.setResource(project, EmulatorCollections.buckets, bucket, stored)
            return true
        }
    }

    /// Enables or disables APIs (`sqladmin.googleapis.com`) in a project at once, creating
    /// the project if need be.
    public func setServices(_ services: [String], enabled: Bool, project: String) {
        mutateState { state in
            state.addProject(project)
            for service in services { state.setService(service, enabled: enabled, in: project) }
        }
    }
}
