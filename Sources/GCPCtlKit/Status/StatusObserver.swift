import Foundation
import GoogleCloud

/// Looks at everything the environment declares in one go: every resource's `observe`
/// (the same as the planner's), the extra reads status shows (objects, images), the Cloud
/// Run services and the alert policies, all started together. The client bounds how many
/// requests are in flight; a `ReadOnceTransport` under it makes sure no read is sent twice.
struct StatusObserver: Sendable {
    /// How long one check may take before it is reported as unknown.
    var timeout: Duration

    /// Rows in section order, and within a section in the order the environment declares.
    func observe(_ resources: [any Resource], context: ResourceContext, extraChecks: [StatusCheck] = []) async -> [StatusRow] {
        let timeout = timeout
        let checks = resources.map(StatusCheck.init) + extraChecks
        let found = await withTaskGroup(of: (Int, [StatusRow]).self) { group in
            // Longest chains of reads first; the index keeps the environment's order for display.
            for (index, check) in checks.enumerated().sorted(by: { $0.element.depth > $1.element.depth }) {
                group.addTask {
                    (index, await StatusObserver.withDeadline(timeout, failing: StatusObserver.timedOut(check, after: timeout)) {
                        await check.rows(context)
                    })
                }
            }
            return await group.reduce(into: [(Int, [StatusRow])]()) { $0.append($1) }
        }
        let ordered = found.sorted { $0.0 < $1.0 }.flatMap(\.1)
        return ResourceKinds.sections.flatMap { section in ordered.filter { $0.section == section } }
    }

    static func depth(of resource: any Resource) -> Int {
        (resource as? any StatusDescribing)?.readsInSequence ?? 1
    }

    static func rows(for resource: any Resource, context: ResourceContext) async -> [StatusRow] {
        if let described = resource as? any StatusDescribing { return await describedRows(for: described, context: context) }
        return await plainRows(for: resource, context: context)
    }

    static func plainRows<R: Resource>(for resource: R, context: ResourceContext) async -> [StatusRow] {
        await describedRows(for: Undescribed(resource), context: context)
    }

    /// The plan's view of one resource (missing, drifted, unchanged), plus its details and health.
    static func describedRows<R: StatusDescribing>(for resource: R, context: ResourceContext) async -> [StatusRow] {
        let environment = context.environment
        let id = resource.id
        var row = StatusRow(section: id.kind.section, kind: id.kind.id, name: id.name, state: .ok)
        row.label = resource.statusLabel
        async let extraResult = Result(awaiting: { try await resource.observeExtra(in: context) })
        let state: R.State?
        do {
            state = try await resource.observe(in: context)
        } catch let error as GoogleAPIError where error.disabledService != nil {
            _ = await extraResult
            let service = error.disabledService ?? "its API"
            var finding = resource.missing(in: environment)
            finding.reason = "cannot exist while \(service) is not enabled"
            row.worsen(to: finding.state, reason: finding.reason, fix: finding.fix)
            return resource.expand(row, state: nil, environment: environment)
        } catch let taken as BucketNameTaken where taken.holder != nil {
            // Not this project's: as good as missing, and nothing setup may fix.
            _ = await extraResult
            row.worsen(to: .missing, reason: "held by project \(taken.holder ?? "?"), not this one (bucket names are global); "
                       + "choose another name in \(environment.origin.file)", fix: nil)
            return resource.expand(row, state: nil, environment: environment)
        } catch {
            _ = await extraResult
            row.worsen(to: .failed, reason: "could not be read: \(error)", fix: nil)
            return resource.expand(row, state: nil, environment: environment)
        }
        let extra = await extraResult
        guard let state else {
            let finding = resource.missing(in: environment)
            row.worsen(to: finding.state, reason: finding.reason, fix: finding.fix)
            return resource.expand(row, state: nil, environment: environment)
        }
        do {
            row.changes = try resource.differences(from: state)
            if !row.changes.isEmpty {
                row.worsen(to: .drift, reason: StatusOwnership.driftReason(of: state, environment: environment),
                           fix: resource.driftFix(in: environment))
            }
        } catch let error as ImmutableFieldError {
            row.changes = error.changes
            row.worsen(to: .drift, reason: "differs from \(environment.origin.file) where setup cannot change it. \(error.advice)", fix: nil)
        } catch {
            row.worsen(to: .failed, reason: "could not be compared: \(error)", fix: nil)
        }
        row.details = resource.statusDetails(of: state, extra: try? extra.get())
        if case .failure(let error) = extra {
            row.worsen(to: .failed, reason: "its details could not be read: \(error)", fix: nil)
        }
        if let finding = resource.health(of: state, extra: try? extra.get(), environment: environment) {
            row.worsen(to: finding.state, reason: finding.reason, fix: finding.fix)
        }
        return resource.expand(row, state: state, environment: environment)
    }

    static func timedOut(_ check: StatusCheck, after timeout: Duration) -> [StatusRow] {
        [StatusRow(section: check.section, kind: check.kind, name: check.name, state: .failed,
                   reason: "no answer within \(timeout.components.seconds) s")]
    }

    /// `body`'s rows, or `failing` when it takes longer than `timeout` (it is cancelled).
    static func withDeadline(_ timeout: Duration, failing: [StatusRow],
                             _ body: @escaping @Sendable () async -> [StatusRow]) async -> [StatusRow] {
        await withTaskGroup(of: [StatusRow]?.self) { group in
            group.addTask { await body() }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? failing
        }
    }
}

/// One thing status looks at, named so that it can be shown as unanswered when it runs
/// past the deadline: a resource the environment declares, or a check beyond them (the
/// alert policies).
struct StatusCheck: Sendable {
    var section: StatusSection
    var kind: String
    var name: String
    /// How many reads it makes one after another: the deepest are started first.
    var depth: Int
    var rows: @Sendable (ResourceContext) async -> [StatusRow]

    init(section: StatusSection, kind: String, name: String, depth: Int = 1,
         rows: @escaping @Sendable (ResourceContext) async -> [StatusRow]) {
        self.section = section
        self.kind = kind
        self.name = name
        self.depth = depth
        self.rows = rows
    }

    /// The plan's view of a resource, with its details and health.
    init(_ resource: any Resource) {
        let id = resource.id
        self.init(section: id.kind.section, kind: id.kind.id, name: id.name, depth: StatusObserver.depth(of: resource)) { context in
            await StatusObserver.rows(for: resource, context: context.working(on: id))
        }
    }
}
