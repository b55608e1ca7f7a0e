import Foundation

/// Long-running operations, finished lazily: an operation records when it will be done,
/// and whenever the state is read the engine settles every operation whose time has come,
/// applying its effect (an instance becomes RUNNABLE, an API becomes enabled). No timers.
///
/// Operations live in each project's `operations` collection under their name. The
/// visible fields are the API's own style; `@`-fields hold the bookkeeping:
/// `@style`, `@effect`, `@target`, `@payload`, `@doneAt`, `@failure`, `@failureCode`.
enum OperationEngine {
    static let collection = "operations"

    /// An effect runs when its operation finishes. It gets the operation (with its
    /// `@target` and `@payload`) and whether it succeeded, changes the state, and returns
    /// the `response` a google.longrunning.Operation carries (nil for none).
    typealias Effect = @Sendable (inout EmulatorState, JSONValue, Bool, Date) -> JSONValue?

    enum Style: String, Sendable {
        /// google.longrunning.Operation: `name`, `done`, `metadata`, `response` / `error`.
        case longrunning
        /// Cloud SQL's `sql#operation`: `status` PENDING / RUNNING / DONE, `error.errors[]`.
        case sql
        /// Kubernetes Engine's Operation: `status` PENDING / RUNNING / DONE, `error` a google.rpc.Status.
        case container
        /// Compute Engine's `compute#operation`: `status`, `progress`, `error.errors[]` (ComputeOperations).
        case compute
    }

    struct Start {
        var project: String
        var name: String
        var style: Style
        var kind: String
        var effect: String
        var target: String
        var payload: JSONValue = .null
        /// The operation as the API first shows it (style fields are added).
        var visible: JSONValue
        /// Set when a fault makes this operation fail.
        var failure: String?
        /// What a fault-rate failure strikes once (default `target`): a retry of the same
        /// work on another target (a new build of the same source) must succeed.
        var faultTarget: String?
        /// Set when the fault rate (not a targeted rule) fails it: one of Google's own
        /// transient failures, which an API may report as such (a build's INTERNAL_ERROR).
        var byFaultRate = false
    }

    /// Records a new operation and returns it as the client first sees it. With a zero
    /// duration it is already done.
    static func start(_ start: Start, state: inout EmulatorState, now: Date, duration: Double) -> JSONValue {
        var operation = start.visible
        operation["@style"] = .string(start.style.rawValue)
        operation["@effect"] = .string(start.effect)
        operation["@target"] = .string(start.target)
        operation["@payload"] = start.payload
        operation["@doneAt"] = .double(now.timeIntervalSince1970 + duration)
        if let failure = start.failure { operation["@failure"] = .string(failure) }
        if start.byFaultRate { operation["@byFaultRate"] = true }
        switch start.style {
        case .longrunning: operation["done"] = false
        case .sql, .container, .compute: operation["status"] = duration > 0 ? "PENDING" : "RUNNING"
        }
        state.setResource(start.project, collection, start.name, operation)
        let key = OperationKey(project: start.project, name: start.name)
        state.pendingOperations.insert(key)
        // A zero-length operation is done at once; otherwise the first answer shows it PENDING.
        if duration <= 0 { settle(key, state: &state, now: now) }
        return state.resource(start.project, collection, start.name) ?? operation
    }

    /// Finishes every operation whose time has come.
    static func settleAll(state: inout EmulatorState, now: Date) {
        for key in state.pendingOperations { settle(key, state: &state, now: now) }
    }

    /// Ends a running operation now (a cancel), failing it with `failure` and the
    /// google.rpc.Code `code` when given; its effect runs as for any other end.
    static func finishNow(project: String, name: String, failure: String?, code: Int = 13, state: inout EmulatorState, now: Date) {
        let key = OperationKey(project: project, name: name)
        guard state.pendingOperations.contains(key), var operation = state.resource(project, collection, name) else { return }
        operation["@doneAt"] = .double(now.timeIntervalSince1970)
        if let failure {
            operation["@failure"] = .string(failure)
            operation["@failureCode"] = .int(code)
        }
        state.setResource(project, collection, name, operation)
        settle(key, state: &state, now: now)
    }

    private static func settle(_ key: OperationKey, state: inout EmulatorState, now: Date) {
        guard var operation = state.resource(key.project, collection, key.name) else {
            state.pendingOperations.remove(key)
            return
        }
        let doneAt = operation["@doneAt"]?.doubleValue ?? 0
        guard now.timeIntervalSince1970 >= doneAt else {
            if operation["status"] == "PENDING" {
                operation["status"] = "RUNNING"
                state.setResource(key.project, collection, key.name, operation)
            }
            return
        }
        state.pendingOperations.remove(key)
        let effect = operation["@effect"]?.stringValue.flatMap { OperationEffects.registry[$0] }
        let response = effect?(&state, operation, operation["@failure"] == nil, now)
        // The effect may have rewritten the operation (to fill in metadata, or to fail it
        // by setting `@failure` when what it applies turns out impossible); reread it.
        operation = state.resource(key.project, collection, key.name) ?? operation
        let failure = operation["@failure"]?.stringValue
        let status: JSONValue = ["code": operation["@failureCode"] ?? 13, "message": .string(failure ?? "")]
        switch Style(rawValue: operation["@style"]?.stringValue ?? "") ?? .longrunning {
        case .longrunning:
            operation["done"] = true
            if failure != nil {
                operation["error"] = status
            } else if let response {
                operation["response"] = response
            }
        case .container:
            operation["status"] = "DONE"
            operation["endTime"] = .string(RFC3339.format(now))
            if failure != nil { operation["error"] = status }
        case .compute:
            ComputeOperations.finish(&operation, failure: failure, now: now)
        case .sql:
            operation["status"] = "DONE"
            operation["endTime"] = .string(RFC3339.format(now))
            if let failure {
                operation["error"] = [
                    "kind": "sql#operationErrors",
                    "errors": [["kind": "sql#operationError", "code": "INTERNAL_ERROR", "message": .string(failure)]],
                ]
            }
        }
        state.setResource(key.project, collection, key.name, operation)
    }

    /// A fresh operation id: random hex, like Google's.
    static func newID() -> String {
        UUID().uuidString.lowercased()
    }
}
