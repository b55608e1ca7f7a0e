/// Cloud Run's rule for a traffic tag, checked before anything is built: lowercase letters,
/// digits and dashes, starting with a letter and not ending with a dash; and since the tag
/// and the service's name together make the first label of the tag's host
/// (`TAG---SERVICE-…run.app`), Cloud Run refuses a pair longer than 46 characters
/// ("Combined traffic tag and service name cannot exceed 46 characters").
public enum RevisionTag {
    public static let maximumCombinedLength = 46

    /// Why `tag` is not a tag Cloud Run accepts, or nil.
    public static func problem(_ tag: String) -> String? {
        guard let first = tag.first, first.isASCII, first.isLowercase else {
            return "--tag '\(tag)' must start with a lowercase letter"
        }
        guard tag.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) else {
            return "--tag '\(tag)' may hold only lowercase letters, digits and dashes"
        }
        guard tag.last != "-" else { return "--tag '\(tag)' must not end with a dash" }
        guard tag.count < maximumCombinedLength else {
            return "--tag '\(tag)' is \(tag.count) characters; with the service's name it may be at most \(maximumCombinedLength)"
        }
        return nil
    }

    /// Why `tag` cannot tag a revision of `service`, or nil.
    public static func problem(_ tag: String, service: String) -> String? {
        if let problem = problem(tag) { return problem }
        let combined = tag.count + service.count
        guard combined <= maximumCombinedLength else {
            return "--tag '\(tag)' and the service name \(service) are \(combined) characters together; Cloud Run allows \(maximumCombinedLength): choose a tag of at most \(maximumCombinedLength - service.count) characters"
        }
        return nil
    }
}
