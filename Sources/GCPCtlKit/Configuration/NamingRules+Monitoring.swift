extension NamingRules {
    /// An address an email notification channel can send to: one `@`, a dotted domain, no spaces.
    public static func emailAddressProblem(_ address: String) -> String? {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        let valid = parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !parts[1].hasPrefix(".")
            && !parts[1].hasSuffix(".") && !address.contains(where: \.isWhitespace) && address.count <= 254
        return valid ? nil : "'\(address)' is not an email address; write one such as oncall@example.com"
    }

    /// Display names gcpctl gives uptime checks and alert policies, and finds them by: 1 to
    /// 512 characters on one line, without `/ % ? #`, not only dots. Monitoring's names never
    /// enter a path (gcpctl lists and compares), but a name that looks like one is refused
    /// all the same, as every kind's is.
    public static func monitoringDisplayNameProblem(_ name: String) -> String? {
        let valid = !name.isEmpty && name.count <= 512 && !name.contains(where: { $0.isNewline || "/%?#".contains($0) })
            && !name.allSatisfy { $0 == "." }
        return valid ? nil : "'\(name)' is not a name gcpctl gives; use 1 to 512 characters on one line, without / % ? #"
    }
}
