extension EnvironmentValidator {
    mutating func checkServices() {
        for service in environment.services {
            checkService(service, at: .root.key("services").key(service.name))
        }
    }

    private mutating func checkService(_ service: Environment.Service, at path: DocumentPath) {
        checkName(path, service.name, rule: NamingRules.serviceNameProblem)
        if service.source.isEmpty { check(path.key("source"), "name the directory to build the image from") }
        if service.dockerfile.isEmpty { check(path.key("dockerfile"), "name the Dockerfile, relative to source") }
        if !(1...65_535).contains(service.port) {
            check(path.key("port"), "\(service.port) is not a port; use 1 to 65535")
        }
        checkLimits(service, at: path)
        if service.minInstances < 0 {
            check(path.key("minInstances"), "\(service.minInstances) is negative; use 0 or more")
        }
        if service.maxInstances < 1 {
            check(path.key("maxInstances"), "\(service.maxInstances) is less than 1")
        } else if service.minInstances > service.maxInstances {
            check(path.key("minInstances"), "\(service.minInstances) is more than maxInstances (\(service.maxInstances))")
        }
        if !(1...3600).contains(service.timeoutSeconds) {
            check(path.key("timeoutSeconds"), "\(service.timeoutSeconds) is outside Cloud Run's limits; use 1 to 3600 seconds")
        }
        if let concurrency = service.concurrency, !(1...1000).contains(concurrency) {
            check(path.key("concurrency"), "\(concurrency) is outside Cloud Run's limits; use 1 to 1000")
        }
        if service.usesCloudSQL && environment.cloudSQL == nil && !wasDropped("cloudSQL") {
            check(path.key("cloudSQL"), "true, but the environment has no cloudSQL block")
        }
        checkVariables(service, at: path)
    }

    /// Memory and CPU, each alone and as Cloud Run couples them.
    private mutating func checkLimits(_ service: Environment.Service, at path: DocumentPath) {
        let memory = MemorySize(service.memory)
        let cpu = CPULimit(service.cpu)
        if memory == nil {
            check(path.key("memory"), "'\(service.memory)' is not a valid memory size; use a value like 512Mi or 1Gi")
        } else if let memory, !MemorySize.cloudRunRange.contains(memory) {
            check(path.key("memory"), "'\(service.memory)' is outside Cloud Run's limits; use 128Mi to 32Gi")
        }
        if cpu == nil {
            check(path.key("cpu"), "'\(service.cpu)' is not a valid CPU limit; use 1, 2, 4, 6 or 8, or a fraction of a CPU from 0.08 (80m) to 1")
        }
        guard let memory, let cpu, MemorySize.cloudRunRange.contains(memory) else { return }
        let neededCPU = CloudRunLimits.minimumCPU(for: memory)
        if cpu.millicores < neededCPU {
            let cpus = CloudRunLimits.describe(millicores: neededCPU)
            check(path.key("memory"), "'\(service.memory)' needs at least \(cpus) CPU\(neededCPU > 1000 ? "s" : ""); cpu is '\(service.cpu)'")
        }
        if let neededMemory = CloudRunLimits.minimumMemory(for: cpu), memory.bytes < neededMemory.bytes {
            check(path.key("cpu"), "\(service.cpu) CPUs need at least \(neededMemory.text) of memory; memory is '\(service.memory)'")
        }
        if cpu.millicores < 1000 && service.concurrency != 1 {
            check(path.key(service.concurrency == nil ? "cpu" : "concurrency"), "a CPU limit below 1 requires concurrency: 1")
        }
    }

    private mutating func checkVariables(_ service: Environment.Service, at path: DocumentPath) {
        for name in service.env.keys.sorted() {
            check(path.key("env").key(name), NamingRules.variableNameProblem(name))
            if service.secrets[name] != nil {
                check(path.key("env").key(name), "also mounted from a secret under secrets; keep one")
            }
        }
        for (name, secret) in service.secrets.sorted(by: { $0.key < $1.key }) {
            let secretPath = path.key("secrets").key(name)
            check(secretPath, NamingRules.variableNameProblem(name) ?? undeclaredSecretProblem(secret))
        }
    }
}
