import Foundation

/// A unix-cron schedule as Cloud Scheduler reads it: five fields — minute (0-59), hour
/// (0-23), day of month (1-31), month (1-12 or JAN-DEC), day of week (0-7, 0 and 7 Sunday,
/// or SUN-SAT) — each `*`, a value, a range `a-b`, a step `*/n` or `a-b/n`, or a list of
/// those; when both day fields are restricted a day matching either runs
/// (https://cloud.google.com/scheduler/docs/configuring/cron-job-schedules).
struct CronSchedule: Sendable, Equatable {
    var minutes: Set<Int>
    var hours: Set<Int>
    var daysOfMonth: Set<Int>
    var months: Set<Int>
    var daysOfWeek: Set<Int>
    var dayOfMonthRestricted: Bool
    var dayOfWeekRestricted: Bool

    private static let monthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
    private static let dayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]

    /// nil when `text` is not a five-field cron expression.
    init?(_ text: String) {
        let fields = text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard fields.count == 5,
            let minutes = Self.field(fields[0], 0...59), let hours = Self.field(fields[1], 0...23),
            let days = Self.field(fields[2], 1...31), let months = Self.field(fields[3], 1...12, names: Self.monthNames, firstName: 1),
            let weekdays = Self.field(fields[4], 0...7, names: Self.dayNames, firstName: 0)
        else { return nil }
        self.minutes = minutes
        self.hours = hours
        daysOfMonth = days
        self.months = months
        daysOfWeek = Set(weekdays.map { $0 % 7 })
        dayOfMonthRestricted = !fields[2].hasPrefix("*")
        dayOfWeekRestricted = !fields[4].hasPrefix("*")
    }

    /// The first run after `date` in `zone`, or nil when none falls in the next eight years.
    func next(after date: Date, in zone: TimeZone) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        guard var day = calendar.date(from: calendar.dateComponents([.year, .month, .day], from: date)) else { return nil }
        for _ in 0..<(366 * 8) {
            let parts = calendar.dateComponents([.month, .day, .weekday], from: day)
            if months.contains(parts.month ?? 0), matchesDay(parts.day ?? 0, weekday: (parts.weekday ?? 1) - 1) {
                for hour in hours.sorted() {
                    for minute in minutes.sorted() {
                        if let time = calendar.date(bySettingHour: hour, minute: minute, second: 0, of: day), time > date { return time }
                    }
                }
            }
            guard let following = calendar.date(byAdding: .day, value: 1, to: day) else { return nil }
            day = following
        }
        return nil
    }

    private func matchesDay(_ day: Int, weekday: Int) -> Bool {
        switch (dayOfMonthRestricted, dayOfWeekRestricted) {
        case (true, true): return daysOfMonth.contains(day) || daysOfWeek.contains(weekday)
        case (true, false): return daysOfMonth.contains(day)
        case (false, true): return daysOfWeek.contains(weekday)
        case (false, false): return true
        }
    }

    private static func field(_ text: String, _ range: ClosedRange<Int>, names: [String] = [], firstName: Int = 0) -> Set<Int>? {
        var values: Set<Int> = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let stepParts = item.split(separator: "/", omittingEmptySubsequences: false)
            guard (1...2).contains(stepParts.count) else { return nil }
            var step = 1
            if stepParts.count == 2 {
                guard let parsed = Int(stepParts[1]), parsed > 0 else { return nil }
                step = parsed
            }
            let span: ClosedRange<Int>
            if stepParts[0] == "*" {
                span = range
            } else {
                let bounds = stepParts[0].split(separator: "-", omittingEmptySubsequences: false)
                guard (1...2).contains(bounds.count),
                    let low = value(String(bounds[0]), names: names, firstName: firstName),
                    let high = bounds.count == 2 ? value(String(bounds[1]), names: names, firstName: firstName) : (stepParts.count == 2 ? range.upperBound : low),
                    range.contains(low), range.contains(high), low <= high
                else { return nil }
                span = low...high
            }
            values.formUnion(stride(from: span.lowerBound, through: span.upperBound, by: step))
        }
        return values.isEmpty ? nil : values
    }

    private static func value(_ text: String, names: [String], firstName: Int) -> Int? {
        if let number = Int(text), text.allSatisfy(\.isNumber) { return number }
        return names.firstIndex(of: text.uppercased()).map { $0 + firstName }
    }
}
