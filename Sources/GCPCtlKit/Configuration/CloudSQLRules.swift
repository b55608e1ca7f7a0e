/// What Cloud SQL for PostgreSQL accepts, checked before the 5-20 minute create begins.
public enum CloudSQLRules {
    public static let weekdays = ["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"]
    public static let editions = ["ENTERPRISE", "ENTERPRISE_PLUS"]
    public static let availabilityTypes = ["ZONAL", "REGIONAL"]
    public static let storageTypes = ["PD_SSD", "PD_HDD"]
    /// pgvector needs PostgreSQL 15 or later (property 6).
    public static let minimumPostgresVersion = 15

    public static func databaseVersionProblem(_ version: String) -> String? {
        guard version.hasPrefix("POSTGRES_"), let major = Int(version.dropFirst("POSTGRES_".count)) else {
            return "'\(version)' is not a PostgreSQL version; use POSTGRES_15, POSTGRES_16 or POSTGRES_17"
        }
        return major >= minimumPostgresVersion ? nil
            : "'\(version)' is too old: pgvector needs POSTGRES_\(minimumPostgresVersion) or later"
    }

    public enum TierKind: Equatable, Sendable {
        case sharedCore
        case custom(vCPUs: Int, memoryMiB: Int)
        case performanceOptimized
    }

    /// The kind of `tier`, or nil when it is not a tier name gcpctl understands.
    public static func tierKind(_ tier: String) -> TierKind? {
        if tier == "db-f1-micro" || tier == "db-g1-small" { return .sharedCore }
        if tier.hasPrefix("db-custom-") {
            let parts = tier.dropFirst("db-custom-".count).split(separator: "-", omittingEmptySubsequences: false)
            if parts.count == 2, let cpus = Int(parts[0]), let memory = Int(parts[1]) {
                return .custom(vCPUs: cpus, memoryMiB: memory)
            }
        }
        if tier.hasPrefix("db-perf-optimized-N-"), let cpus = Int(tier.dropFirst("db-perf-optimized-N-".count)), cpus > 0 {
            return .performanceOptimized
        }
        return nil
    }

    public static func tierProblem(_ tier: String) -> String? {
        switch tierKind(tier) {
        case nil:
            return "'\(tier)' is not a Cloud SQL tier; use db-f1-micro, db-g1-small, db-custom-<vCPUs>-<MiB> (e.g. db-custom-1-3840) or db-perf-optimized-N-<vCPUs>"
        case .custom(let cpus, let memory):
            guard cpus == 1 || (cpus.isMultiple(of: 2) && (2...96).contains(cpus)) else {
                return "'\(tier)' asks for \(cpus) vCPUs; custom tiers have 1 or an even number from 2 to 96"
            }
            guard memory.isMultiple(of: 256) else {
                return "'\(tier)': memory must be a multiple of 256 MiB"
            }
            // 0.9 to 6.5 GiB per vCPU.
            let low = Int((0.9 * 1024 * Double(cpus)).rounded(.up)), high = Int(6.5 * 1024 * Double(cpus))
            guard (low...high).contains(memory) else {
                return "'\(tier)': memory must be 0.9 to 6.5 GiB per vCPU (\(low) to \(high) MiB for \(cpus) vCPU\(cpus == 1 ? "" : "s"))"
            }
            return nil
        case .sharedCore, .performanceOptimized:
            return nil
        }
    }

    /// Shared-core and custom tiers are Enterprise; performance-optimized ones Enterprise Plus.
    public static func editionMismatch(tier: String, edition: String) -> String? {
        switch (tierKind(tier), edition) {
        case (.sharedCore?, "ENTERPRISE_PLUS"), (.custom?, "ENTERPRISE_PLUS"):
            return "\(tier) is an Enterprise tier; use edition ENTERPRISE, or a db-perf-optimized-N-<vCPUs> tier"
        case (.performanceOptimized?, "ENTERPRISE"):
            return "\(tier) is an Enterprise Plus tier; use edition ENTERPRISE_PLUS"
        default:
            return nil
        }
    }

    /// `HH:MM` in UTC.
    public static func timeOfDayProblem(_ time: String) -> String? {
        let parts = time.split(separator: ":", omittingEmptySubsequences: false)
        let valid = parts.count == 2 && parts.allSatisfy { $0.count == 2 }
            && Int(parts[0]).map { (0...23).contains($0) } == true
            && Int(parts[1]).map { (0...59).contains($0) } == true
        return valid ? nil : "'\(time)' is not a time of day; use HH:MM in UTC, e.g. 03:00"
    }

    public static func weekdayProblem(_ day: String) -> String? {
        guard !weekdays.contains(day) else { return nil }
        let suggestion = Suggestion.closest(to: day, in: weekdays)
            ?? weekdays.first { day.uppercased().hasPrefix($0) }
        return "'\(day)' is not a day; use one of \(weekdays.joined(separator: ", "))"
            + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
    }
}

/// "'x' is not one of A, B; did you mean 'A'?" for keys with a fixed set of values.
func choiceProblem(_ value: String, allowed: [String], what: String) -> String? {
    guard !allowed.contains(value) else { return nil }
    return "'\(value)' is not a valid \(what); use \(allowed.joined(separator: " or "))"
        + Suggestion.phrase(for: value, in: allowed)
}
