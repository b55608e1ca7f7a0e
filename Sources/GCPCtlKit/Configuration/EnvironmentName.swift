/// The names `--env` accepts (property 26): each environment's canonical name and its short
/// alias, in any letter case. The short name is what `{env}` becomes in resource names.
public enum EnvironmentName {
    /// The three environments the bash scripts knew, canonical name first.
    public static let builtIn: [(name: String, shortName: String)] = [
        ("development", "dev"),
        ("staging", "stage"),
        ("production", "prod"),
    ]

    /// `development` for `dev`, `DEV`, `Development`…; nil for a name that is not built in.
    public static func canonical(_ spelling: String) -> String? {
        let lowered = spelling.lowercased()
        return builtIn.first { $0.name == lowered || $0.shortName == lowered }?.name
    }

    /// `dev` for `development`; the name itself for an environment that is not built in.
    public static func shortName(of name: String) -> String {
        builtIn.first { $0.name == name }?.shortName ?? name
    }

    /// Every spelling of the built-in names, for suggestions and help.
    public static var allSpellings: [String] {
        builtIn.flatMap { [$0.name, $0.shortName] }
    }
}
