extension EnvironmentResolver {
    /// A job with neither target or both has an `.unclear` one, which the validator reports.
    func resolve(_ scheduler: EnvironmentFile.Scheduler, template: NameTemplate) -> [Environment.SchedulerJob] {
        (scheduler.jobs ?? []).map { job in
            let target: Environment.SchedulerJob.Target =
                switch (job.http, job.pubsub) {
                case (let http?, nil):
                    .http(service: template.expand(http.service), path: http.path ?? "/", method: (http.method ?? "POST").uppercased())
                case (nil, let pubsub?):
                    .pubsub(topic: template.expand(pubsub.topic), data: pubsub.data ?? "{}")
                default:
                    .unclear
                }
            return Environment.SchedulerJob(
                name: template.expand(job.name), schedule: job.schedule, timeZone: job.timeZone ?? "Etc/UTC", target: target,
                retry: .init(count: job.retry?.count ?? 0, minBackoffSeconds: job.retry?.minBackoff.map(Self.seconds) ?? 5,
                             maxBackoffSeconds: job.retry?.maxBackoff.map(Self.seconds) ?? 3600))
        }
    }
}
