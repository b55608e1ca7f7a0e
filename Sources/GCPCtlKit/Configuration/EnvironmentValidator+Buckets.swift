extension EnvironmentValidator {
    static let storageClasses = ["STANDARD", "NEARLINE", "COLDLINE", "ARCHIVE"]
    static let lifecycleActions = ["Delete", "SetStorageClass"]

    mutating func checkBuckets() {
        let buckets = environment.buckets
        for (index, bucket) in buckets.enumerated() {
            let path = DocumentPath.root.key("buckets").index(index)
            checkName(path.key("name"), bucket.name, rule: NamingRules.bucketNameProblem)
            if bucket.location != environment.region.uppercased() {
                check(path.key("location"), KnownLocations.bucketLocationProblem(bucket.location))
            }
            check(path.key("storageClass"), choiceProblem(bucket.storageClass, allowed: Self.storageClasses, what: "storage class"))
            if let envVar = bucket.envVar {
                check(path.key("envVar"), NamingRules.variableNameProblem(envVar))
            }
            checkLabels(bucket.labels, at: path.key("labels"), inheriting: environment.labels)
            for (ruleIndex, rule) in bucket.lifecycle.enumerated() {
                checkLifecycleRule(rule, at: path.key("lifecycle").index(ruleIndex))
            }
        }
        checkUnique(buckets.map(\.name), at: { .root.key("buckets").index($0).key("name") }, what: "bucket names")
        checkUnique(buckets.compactMap(\.envVar), at: { position in
            let index = buckets.indices.filter { buckets[$0].envVar != nil }[position]
            return .root.key("buckets").index(index).key("envVar")
        }, what: "envVar names")
    }

    private mutating func checkLifecycleRule(_ rule: Environment.LifecycleRule, at path: DocumentPath) {
        check(path.key("action"), choiceProblem(rule.action, allowed: Self.lifecycleActions, what: "lifecycle action"))
        switch (rule.action, rule.storageClass) {
        case ("SetStorageClass", nil):
            check(path.key("action"), "SetStorageClass needs a storageClass (NEARLINE, COLDLINE or ARCHIVE)")
        case ("SetStorageClass", let storageClass?):
            check(path.key("storageClass"), choiceProblem(storageClass, allowed: Self.storageClasses, what: "storage class"))
        case ("Delete", _?):
            check(path.key("storageClass"), "only SetStorageClass takes a storageClass; remove it from a Delete rule")
        default:
            break
        }
        if let age = rule.age, age < 0 {
            check(path.key("age"), "\(age) is negative; use an age in days, 0 or more")
        }
        if let newer = rule.numNewerVersions, newer < 0 {
            check(path.key("numNewerVersions"), "\(newer) is negative; use 0 or more")
        }
        if rule.age == nil, rule.matchesPrefix.isEmpty, rule.matchesSuffix.isEmpty,
           rule.numNewerVersions == nil, rule.isLive == nil {
            check(path, "a lifecycle rule needs at least one condition: age, matchesPrefix, matchesSuffix, numNewerVersions or isLive")
        }
    }
}
