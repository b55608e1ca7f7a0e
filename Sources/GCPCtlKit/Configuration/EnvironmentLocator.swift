import Foundation
import Yams

/// Finds the files that describe the environment `--env` names, in the config directory:
/// `environments/<name>.yaml` (or `.yml`) by name, by built-in alias, or by the `name` /
/// `aliases` keys inside the files; failing that, a legacy .env file (legacy mode).
struct EnvironmentLocator {
    enum Found: Equatable {
        case environmentFile(URL)
        /// No environment file, but the bash scripts' .env file for a built-in environment.
        case legacy(name: String, dotEnv: URL)
    }

    let directory: URL
    let paths: DisplayPaths

    var environmentsDirectory: URL { directory.appendingPathComponent("environments", isDirectory: true) }

    func locate(_ requested: String) throws(ConfigurationError) -> Found {
        let canonical = EnvironmentName.canonical(requested)
        var searched: [String] = []
        for spelling in unique([requested, requested.lowercased(), canonical].compactMap { $0 }) {
            for ext in ["yaml", "yml"] {
                let url = environmentsDirectory.appendingPathComponent("\(spelling).\(ext)")
                if exists(url) { return .environmentFile(url) }
                if ext == "yaml" { searched.append(paths.display(url)) }
            }
        }
        let declared = declaredNames()
        if let match = declared.first(where: { $0.names.contains(requested.lowercased()) }) {
            return .environmentFile(match.url)
        }
        if let canonical {
            for fileName in [".env.\(canonical)", ".env"] {
                let url = directory.appendingPathComponent(fileName)
                if exists(url) { return .legacy(name: canonical, dotEnv: url) }
                searched.append(paths.display(url))
            }
        }
        let available = unique(declared.flatMap(\.names) + EnvironmentName.allSpellings)
        throw .environmentNotFound(name: requested, searched: searched, available: available)
    }

    /// The .env file of a YAML-described environment: its `envFile`, else `.env.<name>`,
    /// else `.env`; nil when none exists.
    func dotEnvFile(declared envFile: String?, name: String) -> URL? {
        let candidates = envFile.map { [$0] } ?? [".env.\(name)", ".env"]
        return candidates.map { resolve($0) }.first(where: exists)
    }

    func resolve(_ path: String) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : directory.appendingPathComponent(path)
    }

    private func exists(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    /// The `name` and `aliases` of every environment file, lower-cased; files that do not
    /// parse are skipped here (they are reported when they are the one asked for).
    private func declaredNames() -> [(url: URL, names: [String])] {
        let contents = (try? FileManager.default.contentsOfDirectory(atPath: environmentsDirectory.path)) ?? []
        return contents.sorted().filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.compactMap { fileName in
            let url = environmentsDirectory.appendingPathComponent(fileName)
            guard let text = try? String(contentsOf: url, encoding: .utf8),
                  let mapping = (try? Yams.compose(yaml: text))??.mapping
            else { return nil }
            let aliases = mapping["aliases"]?.sequence?.compactMap { $0.scalar?.string } ?? []
            let names = ([mapping["name"]?.scalar?.string].compactMap { $0 } + aliases).map { $0.lowercased() }
            return (url, names)
        }
    }

    private func unique(_ items: [String]) -> [String] {
        var seen: Set<String> = []
        return items.filter { seen.insert($0).inserted }
    }
}

/// Paths as the user should see them: relative to the working directory when inside it.
struct DisplayPaths {
    let workingDirectory: URL

    func display(_ url: URL) -> String {
        let base = workingDirectory.standardizedFileURL.path
        let path = url.standardizedFileURL.path
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
