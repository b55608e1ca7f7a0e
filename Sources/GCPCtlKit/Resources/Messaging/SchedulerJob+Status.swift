import GoogleCloud

extension SchedulerJob: StatusDescribing {
    func statusDetails(of state: State, extra: Void?) -> [StatusDetail] {
        let observed = state.job
        let last = observed.lastAttemptTime.map { time in
            "\(time) " + ((observed.status?.code ?? 0) == 0 ? "succeeded" : "failed: \(observed.status?.message ?? "code \(observed.status?.code ?? 0)")")
        }
        return [
            StatusDetail("schedule", column: "SCHEDULE", "\(observed.schedule ?? "?") (\(observed.timeZone ?? "Etc/UTC"))"),
            StatusDetail("target", column: "TARGET", SchedulerJob.target(of: observed)),
            StatusDetail("jobState", column: "JOB", observed.state),
            StatusDetail("lastAttempt", column: "LAST ATTEMPT", last ?? "never"),
            StatusDetail("nextRun", column: "NEXT RUN", observed.scheduleTime),
        ]
    }

    /// A job Google could not update, or that it disabled, does not run.
    func health(of state: State, extra: Void?, environment: Environment) -> StatusFinding? {
        guard let jobState = state.job.state, ["DISABLED", "UPDATE_FAILED"].contains(jobState) else { return nil }
        return StatusFinding(state: .unhealthy, reason: "Cloud Scheduler reports \(jobState): the job does not run", fix: StatusFix.setup(environment))
    }
}
