/// API service names the bash scripts enabled that gcpctl knows by another name.
///
/// gcp-setup.sh enabled `storage-api.googleapis.com`, the "Cloud Storage JSON API" entry of
/// Google's API library; gcpctl calls Cloud Storage as `storage.googleapis.com` (the
/// "Cloud Storage API"), so that is the one it enables and checks. A list copied from the
/// scripts (an environment file's `apis`, `gcpctl enable`) keeps working: the old name is
/// replaced, with a note saying so.
public enum RenamedAPIs {
    public static let replacements: [String: String] = [
        "storage-api.googleapis.com": "storage.googleapis.com",
    ]

    /// `names` with old names replaced and repeats dropped, in order.
    public static func current(_ names: [String]) -> [String] {
        var seen: Set<String> = []
        return names.map { replacements[$0] ?? $0 }.filter { seen.insert($0).inserted }
    }

    /// One note for each old name in `names`, saying where it was written (`source`).
    public static func notes(_ names: [String], source: String) -> [String] {
        names.compactMap { name in
            replacements[name].map { "\(source) names \(name), the scripts' name for the Cloud Storage JSON API; gcpctl uses \($0)" }
        }
    }
}
