import Foundation

extension Emulator {
    /// Writes a Cloud Logging entry into `project` as an application's stdout would reach
    /// Logging (a `jsonPayload` or `textPayload` entry of a Cloud Run revision, say); its
    /// `insertId` and timestamps are filled in when missing.
    public func appendLogEntry(project: String, _ entry: JSONValue) {
        let now = core.clock.now()
        mutateState { state in
            state.addProject(project)
            LoggingAPI.append(entry, project: project, now: now, state: &state)
        }
    }
}

extension Emulator {
    /// Makes `testIamPermissions` (project, bucket, service account) leave these out, as if
    /// the caller lacked them.
    public func denyPermissions(_ permissions: [String]) {
        mutateState { $0.credentials.deniedPermissions.formUnion(permissions) }
    }
}
