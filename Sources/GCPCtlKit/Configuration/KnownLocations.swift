/// Where resources may live. A typo here would otherwise surface minutes later as a 400 from
/// some API half way through `setup`.
public enum KnownLocations {
    /// Regions that offer both Cloud Run and Cloud SQL (late 2025). A new region can be
    /// added here; docs/configuration.md lists them.
    public static let regions: [String] = [
        "africa-south1",
        "asia-east1", "asia-east2", "asia-northeast1", "asia-northeast2", "asia-northeast3",
        "asia-south1", "asia-south2", "asia-southeast1", "asia-southeast2",
        "australia-southeast1", "australia-southeast2",
        "europe-central2", "europe-north1", "europe-north2", "europe-southwest1",
        "europe-west1", "europe-west2", "europe-west3", "europe-west4", "europe-west6",
        "europe-west8", "europe-west9", "europe-west10", "europe-west12",
        "me-central1", "me-central2", "me-west1",
        "northamerica-northeast1", "northamerica-northeast2", "northamerica-south1",
        "southamerica-east1", "southamerica-west1",
        "us-central1", "us-east1", "us-east4", "us-east5", "us-south1",
        "us-west1", "us-west2", "us-west3", "us-west4",
    ]

    /// Cloud Storage multi-regions and predefined dual-regions, besides the regions.
    public static let storageMultiRegions: [String] = ["US", "EU", "ASIA", "NAM4", "EUR4", "EUR5", "EUR7", "EUR8", "ASIA1"]

    /// Artifact Registry multi-regions, besides the regions.
    public static let registryMultiRegions: [String] = ["us", "europe", "asia"]

    public static func isRegion(_ name: String) -> Bool {
        regions.contains(name)
    }

    /// Nil when `region` is known; otherwise the message, with a suggestion when one is close.
    public static func regionProblem(_ region: String) -> String? {
        guard !isRegion(region) else { return nil }
        let hint = Suggestion.closest(to: region, in: regions).map { "did you mean '\($0)'?" }
            ?? "see docs/configuration.md for the list"
        return "'\(region)' is not a region with Cloud Run and Cloud SQL; \(hint)"
    }

    public static func bucketLocationProblem(_ location: String) -> String? {
        let all = regions.map { $0.uppercased() } + storageMultiRegions
        guard !all.contains(location) else { return nil }
        let hint = Suggestion.closest(to: location, in: all).map { "did you mean '\($0)'?" }
            ?? "use a region such as US-CENTRAL1 or a multi-region such as US or EU"
        return "'\(location)' is not a Cloud Storage location; \(hint)"
    }

    public static func registryLocationProblem(_ location: String) -> String? {
        let all = regions + registryMultiRegions
        guard !all.contains(location) else { return nil }
        let hint = Suggestion.closest(to: location, in: all).map { "did you mean '\($0)'?" }
            ?? "use a region such as us-central1 or a multi-region such as us"
        return "'\(location)' is not an Artifact Registry location; \(hint)"
    }
}
