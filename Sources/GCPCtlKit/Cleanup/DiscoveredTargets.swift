/// The resources setup manages, built from what cleanup found instead of from the
/// environment file, so a discovered resource is deleted by the very code that manages
/// it. Their `delete` reads only the name (and location); the other fields are neutral.
extension StorageBucket {
    init(discovered name: String) {
        self.init(Environment.Bucket(name: name, envVar: nil, location: "", storageClass: "", versioning: false,
                                     uniformAccess: true, labels: [:], lifecycle: []))
    }
}

extension SQLInstance {
    init(discovered name: String, region: String) {
        let sql = Environment.CloudSQL(
            instance: name, databaseVersion: "", edition: "", tier: "", availability: "", storageType: "", storageSizeGb: 0,
            storageAutoResize: false, backupsEnabled: false, backupStartTime: "", pointInTimeRecovery: false, retainedBackups: 0,
            maintenanceDay: "", maintenanceHour: 0, flags: [:], deletionProtection: false, database: "", user: "",
            passwordSecret: nil, connectionName: "")
        self.init(sql, region: region, labels: [:])
    }
}

extension ManagedSecret {
    init(discovered id: String) {
        self.init(Environment.Secret(id: id, labels: [:]))
    }
}

extension ArtifactRepository {
    init(discovered id: String, location: String) {
        self.init(Environment.ArtifactRegistry(repository: id, description: "", location: location), labels: [:])
    }
}

extension Environment.ServiceAccount {
    /// An account known by its email: `name@project.iam.gserviceaccount.com`.
    init(discovered email: String) {
        self.init(id: String(email.prefix { $0 != "@" }), displayName: "", roles: [], email: email)
    }
}
