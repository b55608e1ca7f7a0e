extension EnvironmentValidator {
    mutating func checkCloudSQL() {
        guard let sql = environment.cloudSQL else { return }
        let path = DocumentPath.root.key("cloudSQL")
        checkName(path.key("instance"), sql.instance, rule: NamingRules.sqlInstanceNameProblem)
        check(path.key("databaseVersion"), CloudSQLRules.databaseVersionProblem(sql.databaseVersion))
        check(path.key("edition"), choiceProblem(sql.edition, allowed: CloudSQLRules.editions, what: "edition"))
        check(path.key("tier"), CloudSQLRules.tierProblem(sql.tier)
            ?? CloudSQLRules.editionMismatch(tier: sql.tier, edition: sql.edition))
        check(path.key("availability"), choiceProblem(sql.availability, allowed: CloudSQLRules.availabilityTypes, what: "availability"))
        let storage = path.key("storage")
        check(storage.key("type"), choiceProblem(sql.storageType, allowed: CloudSQLRules.storageTypes, what: "storage type"))
        if !(10...65_536).contains(sql.storageSizeGb) {
            check(storage.key("sizeGb"), "\(sql.storageSizeGb) is outside Cloud SQL's limits; use 10 to 65536 GB")
        }
        let backups = path.key("backups")
        check(backups.key("startTime"), CloudSQLRules.timeOfDayProblem(sql.backupStartTime))
        if !(1...365).contains(sql.retainedBackups) {
            check(backups.key("retainedBackups"), "\(sql.retainedBackups) is outside 1 to 365 backups")
        }
        if sql.pointInTimeRecovery && !sql.backupsEnabled {
            check(backups.key("pointInTimeRecovery"), "point-in-time recovery needs backups: enabled: true")
        }
        let window = path.key("maintenanceWindow")
        check(window.key("day"), CloudSQLRules.weekdayProblem(sql.maintenanceDay))
        if !(0...23).contains(sql.maintenanceHour) {
            check(window.key("hour"), "\(sql.maintenanceHour) is not an hour; use 0 to 23 (UTC)")
        }
        check(path.key("database"), NamingRules.databaseNameProblem(sql.database))
        if sql.user.isEmpty {
            check(path.key("user"), "the user name must not be empty")
        }
        if let secret = sql.passwordSecret {
            check(path.key("passwordSecret"), undeclaredSecretProblem(secret))
        }
        for name in sql.extensions where name.wholeMatch(of: /[a-z][a-z0-9_-]{0,62}/) == nil {
            check(path.key("extensions"), "'\(name)' is not an extension name; use lowercase letters, digits, '_' and '-'")
        }
        if !sql.extensions.isEmpty && !sql.dataAPI {
            check(path.key("extensions"), "gcpctl creates extensions through Cloud SQL's Data API; set dataApi: true, or extensions: []")
        } else if !sql.extensions.isEmpty && sql.passwordSecret == nil {
            check(path.key("extensions"), "gcpctl creates extensions as \(sql.user), whose password it needs; declare passwordSecret, or extensions: []")
        }
        checkSQLReplicas(of: sql)
        checkSQLPrivateIP(of: sql)
    }
}
