import Foundation
import Yams

/// An environment file as gcpctl decodes it: its YAML composed (every error with line and
/// column), merge keys (`<<: *anchor`) expanded, and `extends: base.yaml` applied: the base
/// file (a path relative to the file that names it) is read the same way, and this file's
/// values are laid over it, mapping by mapping; a list or a value replaces the base's whole.
/// The three environments then need not repeat what they share.
struct EnvironmentDocument {
    var node: Node
    var locations: DocumentLocations
    /// The files read, this one first, then what it extends.
    var files: [String]

    static let extendsKey = "extends"

    /// Reads `url` (shown as `shown`) and what it extends.
    static func load(_ url: URL, shown: String, paths: DisplayPaths, chain: [String] = []) throws(ConfigurationError) -> EnvironmentDocument {
        let path = url.standardizedFileURL.path
        if chain.contains(path) {
            throw .issues([ConfigurationIssue(source: shown, keyPath: extendsKey,
                                              message: "extends itself through \((chain + [path]).map { paths.display(URL(fileURLWithPath: $0)) }.joined(separator: " → "))")])
        }
        let text = try SourceText.read(url, shown: shown)
        return try parse(text, path: shown) { base throws(ConfigurationError) in
            let baseURL = URL(fileURLWithPath: base, relativeTo: url.deletingLastPathComponent()).standardizedFileURL
            return try load(baseURL, shown: paths.display(baseURL), paths: paths, chain: chain + [path])
        }
    }

    /// Parses `text`; `extends` is followed by `resolveBase`.
    static func parse(
        _ text: String, path: String,
        resolveBase: (String) throws(ConfigurationError) -> EnvironmentDocument = { _ throws(ConfigurationError) in
            throw .issues([ConfigurationIssue(source: "extends", keyPath: "", message: "no file to resolve it against")])
        }
    ) throws(ConfigurationError) -> EnvironmentDocument {
        guard let composed = try YAMLText.compose(text, path: path) else {
            throw .issues([ConfigurationIssue(source: path, keyPath: "", message: "the file is empty")])
        }
        var node = try MergeKeys.expand(composed, file: path)
        let own = DocumentLocations(node, file: path)
        guard case .mapping(let mapping) = node, let extends = mapping[extendsKey] else {
            return EnvironmentDocument(node: node, locations: own, files: [path])
        }
        guard case .scalar(let scalar) = extends, !extends.isNull, !scalar.string.isEmpty else {
            throw .issues([own.locate(ConfigurationIssue(source: path, keyPath: extendsKey,
                                                         message: "expected the path of an environment file to extend, found \(extends.kindDescription)"),
                                      at: .root.key(extendsKey))])
        }
        let base = try resolveBase(scalar.string)
        node = .mapping(Node.Mapping(mapping.filter { $0.key.scalar?.string != extendsKey }.map { ($0.key, $0.value) },
                                     mapping.tag, mapping.style, mapping.mark))
        return EnvironmentDocument(node: overlay(base.node, with: node), locations: base.locations.overlaid(by: own),
                                   files: [path] + base.files)
    }

    /// `override` laid over `base`: mappings key by key (the base's order, then the keys only
    /// `override` has), anything else replaced.
    static func overlay(_ base: Node, with override: Node) -> Node {
        guard case .mapping(let under) = base, case .mapping(let over) = override else { return override }
        let overKeys = Dictionary(over.map { ($0.key.scalar?.string ?? "", $0) }, uniquingKeysWith: { first, _ in first })
        var pairs: [(Node, Node)] = []
        var used: Set<String> = []
        for (key, value) in under {
            let name = key.scalar?.string ?? ""
            if let replacement = overKeys[name] {
                pairs.append((replacement.key, overlay(value, with: replacement.value)))
                used.insert(name)
            } else {
                pairs.append((key, value))
            }
        }
        for (key, value) in over where !used.contains(key.scalar?.string ?? "") {
            pairs.append((key, value))
        }
        return .mapping(Node.Mapping(pairs, over.tag, over.style, over.mark))
    }
}
