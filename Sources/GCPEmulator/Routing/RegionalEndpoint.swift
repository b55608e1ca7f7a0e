/// Google's regional endpoints, `https://API.LOCATION.rep.googleapis.com/` (Secret Manager's
/// regional secrets are served only there), reached under `GCPCTL_API_ENDPOINT` at
/// `/API.LOCATION.rep/...`: the same discovery document as the global endpoint, with the
/// location the request came through.
enum RegionalEndpoint {
    /// `secretmanager.us-central1.rep` → (`secretmanager`, `us-central1`); any other prefix
    /// unchanged, with no location.
    static func split(_ prefix: String) -> (api: String, location: String?) {
        let parts = prefix.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[2] == "rep", !parts[0].isEmpty, !parts[1].isEmpty else { return (prefix, nil) }
        return (String(parts[0]), String(parts[1]))
    }
}
