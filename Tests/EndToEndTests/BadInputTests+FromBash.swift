/// The bad-input table, continued: the commands for switching from the bash scripts.
extension BadInputTests {
    static let fromBashCases: [Case] = [
        Case(name: "setup --only of an unknown part", arguments: ["setup", "--env=dev", "--only", "sqll"], status: 1,
             message: "--only: 'sqll' is not a part of setup; did you mean 'sql'?"),
        Case(name: "plan --only with --skip-sql", arguments: ["plan", "--env=dev", "--only", "sql", "--skip-sql"], status: 1,
             message: "--only and --skip-sql cannot be used together"),
        Case(name: "init without a .env file", arguments: ["init"], status: 1, message: "no .env file to start from in"),
        Case(name: "init --env of an environment the scripts did not know", arguments: ["init", "--env=qa"], status: 1,
             message: "--env: 'qa' is not an environment the bash scripts knew"),
    ]
}
