extension NamingRules {
    /// Pub/Sub topic and subscription ids: 3 to 255 characters, a letter first, then letters,
    /// digits and `-._~%+`, not starting with `goog`
    /// (https://cloud.google.com/pubsub/docs/pubsub-basics#resource_names).
    public static func pubsubIDProblem(_ id: String) -> String? {
        let scalars = Array(id.unicodeScalars)
        let reason: String? =
            if !(3...255).contains(scalars.count) { "use 3 to 255 characters" }
            else if !scalars[0].isASCIILetter { "start with a letter" }
            else if !scalars.allSatisfy({ $0.isASCIILetter || $0.isASCIIDigit || "-._~%+".unicodeScalars.contains($0) }) {
                "use only letters, digits and - . _ ~ % +"
            } else if id.lowercased().hasPrefix("goog") { "do not start with 'goog', which Google keeps" }
            else { nil }
        return reason.map { "'\(id)' is not a valid Pub/Sub name; \($0)" }
    }
}
