import Foundation

/// Values the shell completes (`gcpctl --generate-completion-script`): environment names
/// from environments/*.yaml, and the service names of the environment `--env` names. Read
/// from the words typed so far, so `--config-dir` and `--env` count; nothing is sent.
public enum Completions {
    /// `--env`: every environments/*.yaml (or .yml) that names an environment, by its file
    /// name and its aliases.
    public static func environments(_ words: [String]) -> [String] {
        let folder = configDirectory(words).appendingPathComponent("environments", isDirectory: true)
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        var names: [String] = []
        for file in files.sorted() where file.hasSuffix(".yaml") || file.hasSuffix(".yml") {
            guard let text = try? String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8),
                  text.contains("name:") else { continue }
            names.append(String(file.prefix { $0 != "." }))
            if let aliases = text.split(separator: "\n").first(where: { $0.hasPrefix("aliases:") }) {
                names += aliases.dropFirst("aliases:".count).split { "[], ".contains($0) }.map(String.init)
            }
        }
        return names.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
    }

    /// Service names of the environment the words name with `--env` (development without).
    public static func services(_ words: [String]) async -> [String] {
        let loader = EnvironmentLoader(workingDirectory: configDirectory(words), processEnvironment: [:])
        let request = EnvironmentRequest(name: value(of: "--env", in: words) ?? "development", projectOptional: true)
        return (try? await loader.load(request).services.map(\.name)) ?? []
    }

    static func configDirectory(_ words: [String]) -> URL {
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
        guard let directory = value(of: "--config-dir", in: words) else { return here }
        return directory.hasPrefix("/") ? URL(fileURLWithPath: directory, isDirectory: true) : here.appendingPathComponent(directory)
    }

    /// `--env=dev` or `--env dev`.
    static func value(of option: String, in words: [String]) -> String? {
        for (index, word) in words.enumerated() {
            if word.hasPrefix(option + "=") { return String(word.dropFirst(option.count + 1)) }
            if word == option, index + 1 < words.count { return words[index + 1] }
        }
        return nil
    }
}
