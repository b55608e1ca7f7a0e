/// Google's naming rules for the resources gcpctl creates. Each function returns nil for a
/// valid name, or the message to show (what is wrong and what to write instead).
public enum NamingRules {
    private static func isLowerAlnum(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || scalar.isASCIIDigit
    }

    /// `[a-z]([a-z0-9-]*[a-z0-9])?` of a length in `lengths`.
    private static func isHyphenatedLowercase(_ name: String, lengths: ClosedRange<Int>) -> Bool {
        let scalars = Array(name.unicodeScalars)
        guard lengths.contains(scalars.count), let first = scalars.first, let last = scalars.last else { return false }
        return ("a"..."z").contains(first) && isLowerAlnum(last)
            && scalars.allSatisfy { isLowerAlnum($0) || $0 == "-" }
    }

    /// The rule shared by project, service account, service, instance and repository ids.
    private static func hyphenatedNameProblem(_ name: String, what: String, lengths: ClosedRange<Int>) -> String? {
        if isHyphenatedLowercase(name, lengths: lengths) { return nil }
        let count = lengths.lowerBound == 1 ? "at most \(lengths.upperBound)" : "\(lengths.lowerBound) to \(lengths.upperBound)"
        return "'\(name)' is not a valid \(what); use \(count) lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen"
    }

    public static func projectIDProblem(_ id: String) -> String? {
        hyphenatedNameProblem(id, what: "project id", lengths: 6...30)
    }

    public static func serviceAccountIDProblem(_ id: String) -> String? {
        hyphenatedNameProblem(id, what: "service account id", lengths: 6...30)
    }

    /// An account id (`digitwinlive-sa`), or an account's email: an id, or Google's
    /// `NUMBER-compute`, then `@` and a `….gserviceaccount.com` domain.
    public static func serviceAccountProblem(_ name: String) -> String? {
        let parts = name.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return serviceAccountIDProblem(name) }
        let local = parts[0].unicodeScalars, domain = parts[1].unicodeScalars
        let valid = !local.isEmpty && local.allSatisfy { isLowerAlnum($0) || $0 == "-" }
            && parts[1].hasSuffix(".gserviceaccount.com") && domain.allSatisfy { isLowerAlnum($0) || $0 == "-" || $0 == "." }
            && !parts[1].contains("..")
        return valid ? nil
            : "'\(name)' is not a service account; use its id (e.g. digitwinlive-sa) or its email (ID@PROJECT.iam.gserviceaccount.com)"
    }

    /// A Cloud SQL database name: it becomes part of the API's path, so no slashes or dots.
    public static func databaseNameProblem(_ name: String) -> String? {
        let valid = (1...63).contains(name.unicodeScalars.count) && name.unicodeScalars.allSatisfy {
            $0.isASCIILetter || $0.isASCIIDigit || $0 == "_" || $0 == "-"
        }
        return valid ? nil : "'\(name)' is not a database name; use 1 to 63 letters, digits, underscores and hyphens"
    }

    public static func serviceNameProblem(_ name: String) -> String? {
        hyphenatedNameProblem(name, what: "Cloud Run service name", lengths: 1...49)
    }

    public static func sqlInstanceNameProblem(_ name: String) -> String? {
        hyphenatedNameProblem(name, what: "Cloud SQL instance name", lengths: 1...80)
    }

    public static func repositoryIDProblem(_ id: String) -> String? {
        hyphenatedNameProblem(id, what: "Artifact Registry repository id", lengths: 1...63)
    }

    public static func secretIDProblem(_ id: String) -> String? {
        let valid = (1...255).contains(id.unicodeScalars.count) && id.unicodeScalars.allSatisfy {
            $0.isASCIILetter || $0.isASCIIDigit || $0 == "_" || $0 == "-"
        }
        return valid ? nil : "'\(id)' is not a valid secret id; use 1 to 255 letters, digits, hyphens and underscores"
    }

    /// Cloud Storage bucket names (without dots' domain verification rules).
    public static func bucketNameProblem(_ name: String) -> String? {
        let scalars = Array(name.unicodeScalars)
        let reason: String? =
            if !(3...63).contains(scalars.count) { "use 3 to 63 characters" }
            else if !scalars.allSatisfy({ isLowerAlnum($0) || "-_.".unicodeScalars.contains($0) }) {
                "use only lowercase letters, digits, hyphens, underscores and dots"
            } else if !isLowerAlnum(scalars.first!) || !isLowerAlnum(scalars.last!) {
                "start and end with a letter or digit"
            } else if name.hasPrefix("goog") { "names may not begin with 'goog'" }
            else if name.contains("google") { "names may not contain 'google'" }
            else if isIPv4Address(name) { "names may not be an IP address" }
            else { nil }
        return reason.map { "'\(name)' is not a valid bucket name; \($0)" }
    }

    private static func isIPv4Address(_ name: String) -> Bool {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { UInt8($0) != nil }
    }

    /// Label keys: 1-63 lowercase letters, digits, underscores and hyphens, starting with a
    /// lowercase letter (international lowercase letters are allowed, as Google allows them).
    public static func labelKeyProblem(_ key: String) -> String? {
        let valid = (1...63).contains(key.count) && (key.first?.isLowercase ?? false)
            && key.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "_" || $0 == "-" }
        return valid ? nil
            : "'\(key)' is not a valid label key; use 1 to 63 lowercase letters, digits, underscores and hyphens, starting with a lowercase letter"
    }

    public static func labelValueProblem(_ value: String) -> String? {
        let valid = value.count <= 63 && value.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "_" || $0 == "-" }
        return valid ? nil
            : "'\(value)' is not a valid label value; use at most 63 lowercase letters, digits, underscores and hyphens"
    }

    /// `run.googleapis.com`, not `run`.
    public static func apiNameProblem(_ name: String) -> String? {
        let prefix = name.hasSuffix(".googleapis.com") ? String(name.dropLast(".googleapis.com".count)) : ""
        let valid = !prefix.isEmpty && prefix.unicodeScalars.allSatisfy { isLowerAlnum($0) || $0 == "-" }
        if valid { return nil }
        let example = name.contains(".") ? "run.googleapis.com" : "\(name.lowercased()).googleapis.com"
        return "'\(name)' is not an API service name; use the full name, e.g. \(example)"
    }

    /// `roles/storage.objectAdmin`, or a custom role `projects/P/roles/R`.
    public static func roleProblem(_ role: String) -> String? {
        let parts = role.split(separator: "/", omittingEmptySubsequences: false)
        let predefined = parts.count == 2 && parts[0] == "roles"
        let custom = parts.count == 4 && ["projects", "organizations"].contains(parts[0]) && parts[2] == "roles"
        let valid = (predefined || custom) && parts.allSatisfy { !$0.isEmpty }
        return valid ? nil : "'\(role)' is not an IAM role; use a name like roles/storage.objectAdmin"
    }

    /// Variables Cloud Run sets itself: a service may not declare them.
    public static let reservedVariables: Set<String> = ["PORT", "K_SERVICE", "K_REVISION", "K_CONFIGURATION"]

    public static func variableNameProblem(_ name: String) -> String? {
        if !DotEnvFile.isValidName(name) {
            return "'\(name)' is not a valid variable name; use letters, digits and underscores, not starting with a digit"
        }
        if name == "PORT" { return "PORT is set by Cloud Run from the service's port key; remove it" }
        if reservedVariables.contains(name) { return "\(name) is set by Cloud Run; use another name" }
        return nil
    }
}
