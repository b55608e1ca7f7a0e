import Foundation
import GoogleCloud

/// `gcpctl cost`: loads the price book, connects unless offline, reads the catalog with
/// --live, observes sizes, estimates each environment and prints the estimate (or, with
/// --compare, the environments side by side) and the savings.
public struct CostWorkflow: Sendable {
    public var mode: CostMode
    /// `--compare dev,prod`: environment names; empty for the one `--env` names.
    public var compare: [String]
    /// `--price-book`: a file instead of `<config dir>/templates/pricing/price-book.yaml`.
    public var priceBookPath: String?

    public init(mode: CostMode = .observed, compare: [String] = [], priceBookPath: String? = nil) {
        self.mode = mode
        self.compare = compare
        self.priceBookPath = priceBookPath
    }

    /// `--compare` as given: `dev,prod` → [dev, prod].
    public static func environments(in list: String) throws -> [String] {
        let names = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard names.count >= 2 else { throw CostError.compareNeedsTwo(list) }
        return names
    }

    /// An estimate needs no project, so without one this stands in (and the output says none was used).
    static let placeholderProject = "offline-estimate"
    static let placeholderSource = "no project needed for an estimate"

    /// Where the runner looks for a project after the usual sources: never the credentials offline.
    public func projectFallbacks(connector: CloudConnector) -> [ProjectFallback] {
        let placeholder: ProjectFallback = { (Self.placeholderProject, Self.placeholderSource) }
        return mode == .offline ? [placeholder] : [connector.projectFallback, placeholder]
    }

    public func run(_ context: CommandContext, connector: CloudConnector) async throws -> ExitStatus {
        let reporter = context.reporter
        let book = try PriceBook.load(explicitPath: priceBookPath, configDirectory: configDirectory(context),
                                      workingDirectory: context.io.workingDirectory)
        let environments = try await load(context, connector: connector)
        let (connection, notConnected) = try await connect(connector)
        var prices: any PriceSheet = book
        if mode == .live, let connection {
            reporter.info("Reading current prices from the Cloud Billing Catalog…")
            let regions = Set(environments.flatMap { [$0.region] + $0.buckets.map { $0.location.lowercased() } })
            do {
                prices = try await CatalogPrices.fetch(CloudBillingAPI(connection.client), regions: regions, book: book)
            } catch let error as GoogleAPIError where error.disabledService == BillingCatalogDisabledError.service {
                throw BillingCatalogDisabledError(error, quotaProject: connection.client.quotaProject)
            }
        }
        var estimates: [CostEstimate] = []
        for environment in environments {
            try context.interrupts.checkNotInterrupted()
            var estimate = try await estimate(environment, connection: connection, prices: prices, book: book, reporter: reporter)
            estimate.warnings.insert(contentsOf: [notConnected].compactMap { $0 }, at: 0)
            estimates.append(estimate)
        }
        var warned = Set<String>()
        for warning in estimates.flatMap(\.warnings) where warned.insert(warning).inserted { reporter.warning(warning) }
        if estimates.count == 1, let estimate = estimates.first {
            reporter.result(estimate) { CostReport.show(estimate, on: reporter) }
        } else {
            let comparison = CostComparison(estimates)
            reporter.result(comparison) { CostReport.show(comparison, on: reporter) }
        }
        return .success
    }

    private func estimate(_ environment: Environment, connection: GoogleCloudConnection?, prices: any PriceSheet,
                          book: PriceBook, reporter: Reporter) async throws -> CostEstimate {
        let projectKnown = environment.origin.project != .credentials(Self.placeholderSource)
        var observed: ObservedUsage?
        if let connection {
            reporter.info("Measuring what \(environment.name) holds now…")
            let resources = ResourceContext(cloud: connection.client, poller: connection.poller, project: environment.project,
                                            environment: environment)
            observed = await UsageObserver(context: resources, projectKnown: projectKnown).observe()
        }
        var estimator = CostEstimator(environment: environment, observed: observed, prices: prices)
        var estimate = try estimator.estimate(mode: connection == nil ? .offline : mode, priceBook: "\(book.version) (\(book.location))",
                                              project: projectKnown ? environment.project : nil)
        if mode == .live {
            let fallbacks = Set(estimate.resources.flatMap(\.lines).filter { $0.priceFrom != "catalog" }.map(\.priceKey.rawValue))
            if !fallbacks.isEmpty {
                estimate.warnings.append("the catalog has no SKU matching \(fallbacks.sorted().joined(separator: ", ")) in \(environment.region); the book's prices are used for them")
            }
        }
        return estimate
    }

    /// Offline: none. By default: the connection if the credentials work, else none and the
    /// warning that says so. With --live: the connection, or the credentials error.
    private func connect(_ connector: CloudConnector) async throws -> (GoogleCloudConnection?, warning: String?) {
        switch mode {
        case .offline:
            return (nil, nil)
        case .live:
            return (try await connector.connection(), nil)
        case .observed:
            do {
                return (try await connector.connection(), nil)
            } catch {
                return (nil, "not connected to Google Cloud (\(error)); sizes come from the usage profile (--offline skips this attempt)")
            }
        }
    }

    private func load(_ context: CommandContext, connector: CloudConnector) async throws -> [Environment] {
        guard !compare.isEmpty else { return [context.environment] }
        let loader = EnvironmentLoader(workingDirectory: context.io.workingDirectory, processEnvironment: context.io.processEnvironment)
        var environments: [Environment] = []
        for name in compare {
            var request = context.settings.environmentRequest
            request.name = name
            let environment = try await loader.load(request, projectFallbacks: projectFallbacks(connector: connector))
            environment.warnings.forEach(context.reporter.warning)
            if !environments.contains(where: { $0.name == environment.name }) { environments.append(environment) }
        }
        return environments
    }

    private func configDirectory(_ context: CommandContext) -> URL {
        let working = context.io.workingDirectory
        guard let directory = context.settings.configDirectory else { return working }
        return directory.hasPrefix("/") ? URL(fileURLWithPath: directory, isDirectory: true)
            : working.appendingPathComponent(directory, isDirectory: true)
    }
}

extension Environment {
    /// The project is the stand-in of an estimate that needed none: the JSON envelope says
    /// `project: null` for it, as the estimate does.
    var projectIsPlaceholder: Bool { origin.project == .credentials(CostWorkflow.placeholderSource) }
}
