import Foundation

extension EnvironmentValidator {
    static let schedulerMethods = ["POST", "GET", "PUT", "PATCH", "DELETE"]

    mutating func checkScheduler() {
        let jobs = environment.schedulerJobs
        let root = DocumentPath.root.key("scheduler").key("jobs")
        for (index, job) in jobs.enumerated() {
            let path = root.index(index)
            checkName(path.key("name"), job.name, rule: NamingRules.schedulerJobIDProblem)
            check(path.key("schedule"), Self.cronProblem(job.schedule))
            if TimeZone(identifier: job.timeZone) == nil {
                check(path.key("timeZone"), "'\(job.timeZone)' is not a time zone; use a tz database name such as Etc/UTC or Europe/Paris")
            }
            switch job.target {
            case .http(let service, let targetPath, let method):
                checkServiceTarget(service, path: targetPath, at: path.key("http"))
                check(path.key("http").key("method"), choiceProblem(method, allowed: Self.schedulerMethods, what: "HTTP method"))
            case .pubsub(let topic, _):
                check(path.key("pubsub").key("topic"),
                      undeclaredProblem(topic, among: environment.pubsub?.topics.map(\.name) ?? [], what: "Pub/Sub topics"))
            case .unclear:
                check(path, "a job needs exactly one target: http (a service) or pubsub (a topic)")
            }
            if !(0...5).contains(job.retry.count) {
                check(path.key("retry").key("count"), "\(job.retry.count) is out of range; use 0 to 5")
            }
            check(path.key("retry").key("minBackoff"), durationProblem(job.retry.minBackoffSeconds, range: 0...3600, what: "0s to 1h"))
            check(path.key("retry").key("maxBackoff"), durationProblem(job.retry.maxBackoffSeconds, range: 0...3600, what: "0s to 1h"))
        }
        checkUnique(jobs.map(\.name), at: { root.index($0).key("name") }, what: "job names")
    }

    /// unix-cron: five fields of digits, `*`, `,`, `-` and `/` (names of days and months too).
    static func cronProblem(_ schedule: String) -> String? {
        let fields = schedule.split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count == 5 else {
            return "'\(schedule)' is not a unix-cron schedule; write five fields: minute hour day-of-month month day-of-week (0 3 * * *)"
        }
        let allowed = Set("0123456789*,-/ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
        guard fields.allSatisfy({ $0.allSatisfy(allowed.contains) }) else {
            return "'\(schedule)' is not a unix-cron schedule; use digits, *, ranges (1-5), lists (1,3) and steps (*/15)"
        }
        return nil
    }
}
