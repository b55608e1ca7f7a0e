import GoogleCloud

/// Where commands look for the bash scripts' Cloud SQL instance (`ScriptsSQLInstance`), and
/// go on with it in place of the declared one.
///
/// setup, plan and adopt look whenever the environment has an instance: they would create
/// one. status, deploy, sql and cost look only while the name is gcpctl's guess (legacy mode
/// without CLOUD_SQL_CONNECTION_NAME); once setup has adopted an instance it writes the
/// name down (`AdoptedInstanceRecord`), so they need not look again.
enum InstanceLookup {
    static func resolve(_ context: CommandContext, _ resourceContext: ResourceContext, always: Bool)
        async -> (CommandContext, ResourceContext, ScriptsSQLInstance?) {
        let environment = context.environment
        guard always || ScriptsSQLInstance.isGuessed(in: environment) else { return (context, resourceContext, nil) }
        let found: ScriptsSQLInstance?
        do {
            found = try await ScriptsSQLInstance.find(for: environment, in: resourceContext)
        } catch let error as GoogleAPIError where error.disabledService != nil {
            return (context, resourceContext, nil)  // no Cloud SQL API yet: no instance to adopt either
        } catch {
            // Whatever stopped the look (a permission, rejected credentials) stops the
            // instance's own observation too, which the command reports; said once, there.
            context.reporter.debug("could not look for the bash scripts' Cloud SQL instance: \(error)")
            return (context, resourceContext, nil)
        }
        guard let found else { return (context, resourceContext, nil) }
        let adopted = found.applied(to: environment)
        return (context.replacing(environment: adopted), resourceContext.replacing(environment: adopted), found)
    }
}

extension CommandContext {
    /// The same command with another environment (an adopted instance in it).
    func replacing(environment: Environment) -> CommandContext {
        CommandContext(command: command, settings: settings, environment: environment, reporter: reporter, prompter: prompter,
                       progress: progress, interrupts: interrupts, io: io)
    }
}

extension ResourceContext {
    func replacing(environment: Environment) -> ResourceContext {
        ResourceContext(cloud: cloud, poller: poller, project: project, environment: environment, events: events, serial: serial,
                        current: current)
    }
}
