extension NamingRules {
    /// Pub/Sub topic and subscription ids: 3 to 255 characters, a letter first, then letters,
    /// digits and `-._~+`, not starting with `goog`
    /// (https://cloud.google.com/pubsub/docs/pubsub-basics#resource_names). Google also allows
    /// `%`; gcpctl does not, so that no name reads as an encoded path character.
    public static func pubsubIDProblem(_ id: String) -> String? {
        let scalars = Array(id.unicodeScalars)
        let reason: String? =
            if !(3...255).contains(scalars.count) { "use 3 to 255 characters" }
            else if !scalars[0].isASCIILetter { "start with a letter" }
            else if !scalars.allSatisfy({ $0.isASCIILetter || $0.isASCIIDigit || "-._~+".unicodeScalars.contains($0) }) {
                "use only letters, digits and - . _ ~ +"
            } else if id.lowercased().hasPrefix("goog") { "do not start with 'goog', which Google keeps" }
            else { nil }
        return reason.map { "'\(id)' is not a valid Pub/Sub name; \($0)" }
    }
}

extension NamingRules {
    /// Cloud Scheduler job ids: letters, digits, hyphens and underscores, at most 500
    /// (https://cloud.google.com/scheduler/docs/reference/rest/v1/projects.locations.jobs#Job).
    public static func schedulerJobIDProblem(_ id: String) -> String? {
        let valid = (1...500).contains(id.unicodeScalars.count) && id.unicodeScalars.allSatisfy {
            $0.isASCIILetter || $0.isASCIIDigit || $0 == "_" || $0 == "-"
        }
        return valid ? nil : "'\(id)' is not a valid Cloud Scheduler job name; use 1 to 500 letters, digits, hyphens and underscores"
    }
}
