import GoogleCloud

extension ExecutionEvents {
    /// Shows each resource's work as a live progress line, and its end as a line of its own.
    public static func showing(on progress: ProgressDisplay, reporter: Reporter) -> ExecutionEvents {
        let handles = Locked<[ResourceID: ProgressDisplay.Handle]>([:])
        return ExecutionEvents(
            started: { id, action in
                let handle = progress.start("\(ExecutionEvents.presentParticiple(action)) \(id)")
                handles.withLock { $0[id] = handle }
            },
            progress: { id, report in
                guard let handle = handles.current[id] else { return }
                let status = report.status.map { " (\($0))" } ?? ""
                progress.update(handle, activity: "\(report.what)\(status)")
            },
            finished: { id, outcome in
                let handle = handles.withLock { $0.removeValue(forKey: id) }
                switch outcome {
                case .failed(let reason):
                    if let handle { progress.finish(handle, .failed("\(id): \(reason)")) } else { reporter.error("\(id): \(reason)") }
                case .skipped(let dependency):
                    reporter.warning("\(id) skipped: \(dependency) failed")
                case .interrupted:
                    if let handle { progress.finish(handle, .abandoned) }
                case .created, .updated, .deleted, .unchanged:
                    if let handle { progress.finish(handle, .succeeded("\(outcome.label) \(id)")) }
                }
            },
            note: { id, text in reporter.warning("\(id): \(text)") }
        )
    }

    static func presentParticiple(_ action: PlanAction) -> String {
        switch action {
        case .create, .createIfMissing: "creating"
        case .update: "updating"
        case .delete: "deleting"
        case .unchanged, .blocked: "checking"
        }
    }
}
