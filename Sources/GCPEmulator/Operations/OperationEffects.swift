/// Every API's operation effects by name, gathered in one table the engine looks up.
enum OperationEffects {
    static let registry: [String: OperationEngine.Effect] = {
        var all: [String: OperationEngine.Effect] = [:]
        for table in APIRegistry.operationEffects {
            all.merge(table) { first, _ in first }
        }
        return all
    }()
}
