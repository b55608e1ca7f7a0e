import Foundation

/// google.longrunning operations of the APIs that name them
/// `projects/P/locations/L/operations/operation-MILLIS-HEX` (Memorystore, Serverless VPC
/// Access), and failing one from its effect when what it applies turns out impossible.
extension LongRunningOperations {
    /// Starts an operation of `kind` in a location; `metadata` is the API's own
    /// OperationMetadata (with its `@type`), to which `createTime` and `target` are added.
    static func start(
        _ request: APIRequest, _ state: inout EmulatorState, project: String, location: String, kind: String,
        effect: String, target: String, payload: JSONValue, metadata: JSONValue
    ) -> JSONValue {
        let millis = Int(request.now.timeIntervalSince1970 * 1000)
        let name = "projects/\(project)/locations/\(location)/operations/operation-\(millis)-\(OperationEngine.newID())"
        var metadata = metadata
        metadata["createTime"] = .string(request.timestamp)
        metadata["target"] = .string(target)
        var payload = payload
        payload["project"] = .string(project)
        return request.startOperation(
            OperationEngine.Start(
                project: project, name: name, style: .longrunning, kind: kind, effect: effect, target: target,
                payload: payload, visible: ["name": .string(name), "metadata": metadata]),
            state: &state)
    }

    /// Makes a finishing operation end in error with a google.rpc.Code (9 FAILED_PRECONDITION,
    /// 5 NOT_FOUND, ...), from inside its effect; the engine then answers `error`.
    static func fail(_ operation: JSONValue, code: Int, message: String, state: inout EmulatorState) {
        guard let name = operation["name"]?.stringValue,
            let project = operation["@payload"]?["project"]?.stringValue ?? state.findResource(OperationEngine.collection, name)?.project,
            var stored = state.resource(project, OperationEngine.collection, name)
        else { return }
        stored["@failure"] = .string(message)
        stored["@failureCode"] = .int(code)
        state.setResource(project, OperationEngine.collection, name, stored)
    }
}
