import Foundation

/// Writes an adopted Cloud SQL instance down where the environment is described, so that
/// every later command uses it without looking again: in legacy mode as the scripts' own
/// `CLOUD_SQL_CONNECTION_NAME` in the .env file (which the services read too), otherwise as
/// `cloudSQL.instance` in the environment file, changed where it stands.
enum AdoptedInstanceRecord {
    /// What was written, for the summary: `.env: CLOUD_SQL_CONNECTION_NAME=p:r:i`.
    static func write(_ adoption: ScriptsSQLInstance, environment: Environment, workingDirectory: URL) throws -> String {
        let paths = DisplayPaths(workingDirectory: workingDirectory)
        guard let sql = environment.cloudSQL else { return "" }
        if environment.origin.isLegacy {
            guard let path = environment.envFile else { return "" }
            let url = URL(fileURLWithPath: path)
            try DotEnvUpdater.update(fileAt: url, setting: [("CLOUD_SQL_CONNECTION_NAME", sql.connectionName)], displayPath: paths.display(url))
            return "\(paths.display(url)): CLOUD_SQL_CONNECTION_NAME=\(sql.connectionName)"
        }
        let file = environment.origin.file
        let url = file.hasPrefix("/") ? URL(fileURLWithPath: file) : workingDirectory.appendingPathComponent(file)
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw ConfigurationError.unreadableFile(path: file, reason: error.localizedDescription)
        }
        guard let edited = YAMLValueEditor.replacing(["cloudSQL", "instance"], with: adoption.adopted, in: text) else {
            throw AdoptionRecordError(file: file, instance: adoption.adopted)
        }
        do { try FileReplacement.write(Data(edited.utf8), to: url.path, mode: .keep(newFile: 0o644)) } catch {
            throw ConfigurationError.unwritableFile(path: file, reason: error.reason)
        }
        return "\(file): cloudSQL.instance: \(adoption.adopted)"
    }
}

/// The environment file's `cloudSQL.instance` is not a one-line value gcpctl can change.
struct AdoptionRecordError: Error, CustomStringConvertible, ExitStatusProviding {
    var file: String
    var instance: String

    var description: String {
        "\(file): could not write cloudSQL.instance: \(instance) (the adopted instance); set it by hand, or commands other than setup keep looking for the old name"
    }

    var exitStatus: ExitStatus { .configurationError }
}
