import Testing
@testable import GCPCtlKit

/// Confirmations and menus driven by scripted answers.
@Suite struct PrompterTests {
    func prompter(_ answers: [String], interactive: Bool = true, yes: Bool = false) -> (Prompter, CapturedStream, ScriptedInput) {
        let diagnostics = CapturedStream()
        let reporter = Reporter(output: CapturedStream(), diagnostics: diagnostics, environment: [:])
        let input = ScriptedInput(answers, isInteractive: interactive)
        return (Prompter(input: input, reporter: reporter, assumeYes: yes), diagnostics, input)
    }

    @Test(arguments: [("y", true), ("YES", true), (" yes ", true), ("n", false), ("", false), ("maybe", false)])
    func confirmAcceptsOnlyYes(answer: String, expected: Bool) async throws {
        let (prompter, diagnostics, _) = prompter([answer])
        #expect(try await prompter.confirm("Delete 4 buckets?") == expected)
        #expect(diagnostics.text.contains("Delete 4 buckets? [y/N] "))
    }

    @Test func endOfInputIsNo() async throws {
        let (prompter, _, _) = prompter([])
        #expect(try await prompter.confirm("Stop the instance?") == false)
    }

    @Test func yesFlagConfirmsWithoutReading() async throws {
        let (prompter, _, input) = prompter(["n"], interactive: false, yes: true)
        #expect(try await prompter.confirm("Delete 4 buckets?"))
        #expect(input.remaining == ["n"])
    }

    @Test func nonInteractiveWithoutYesRefuses() async {
        let (prompter, _, _) = prompter(["y"], interactive: false)
        await #expect(throws: PromptError.notInteractive(question: "Delete 4 buckets?", hint: "pass --yes to confirm")) {
            try await prompter.confirm("Delete 4 buckets?")
        }
        #expect(ExitStatus.of(PromptError.notInteractive(question: "q", hint: "h")) == .configurationError)
    }

    @Test func typedConfirmationNeedsTheExactPhrase() async throws {
        #expect(try await prompter(["DELETE ALL"]).0.confirmByTyping("DELETE ALL", prompt: "This deletes everything."))
        let (mismatch, diagnostics, _) = prompter(["delete all"])
        #expect(try await mismatch.confirmByTyping("DELETE ALL", prompt: "This deletes everything.") == false)
        #expect(diagnostics.text.contains("cancelled"))
    }

    @Test func yesDoesNotAnswerTypedConfirmations() async throws {
        let (prompter, _, _) = prompter(["nope"], yes: true)
        #expect(try await prompter.confirmByTyping("digitwinlive-db-dev", prompt: "Delete the instance?") == false)
        let (unattended, _, _) = self.prompter([], interactive: false, yes: true)
        await #expect(throws: PromptError.self) {
            try await unattended.confirmByTyping("DELETE ALL", prompt: "Delete everything?", bypass: ("--confirm-delete-all", false))
        }
        do {
            _ = try await unattended.confirmByTyping("DELETE ALL", prompt: "Delete everything?", bypass: ("--confirm-delete-all", false))
        } catch {
            #expect(error.description == "cannot ask \"Delete everything?\": standard input is not a terminal; pass --confirm-delete-all to confirm without a terminal (--yes does not answer this)")
        }
        #expect(try await unattended.confirmByTyping("DELETE ALL", prompt: "Delete everything?", bypass: ("--confirm-delete-all", true)))
    }

    @Test func menuSelectionParsing() {
        #expect(MenuSelection.parse("1,3-4", optionCount: 5) == .success(.selected([0, 2, 3])))
        #expect(MenuSelection.parse(" 2 5 2 ", optionCount: 5) == .success(.selected([1, 4])))
        #expect(MenuSelection.parse("all", optionCount: 3) == .success(.selected([0, 1, 2])))
        #expect(MenuSelection.parse("Q", optionCount: 3) == .success(.quit))
        #expect(MenuSelection.parse("0", optionCount: 3) == .failure(.outOfRange("0", optionCount: 3)))
        #expect(MenuSelection.parse("2-9", optionCount: 3) == .failure(.outOfRange("2-9", optionCount: 3)))
        #expect(MenuSelection.parse("x", optionCount: 3) == .failure(.notANumber("x")))
        #expect(MenuSelection.parse("3-1", optionCount: 3) == .failure(.notANumber("3-1")))
        #expect(MenuSelection.parse("", optionCount: 3) == .failure(.empty))
    }

    @Test func menuAsksAgainAfterANonsensicalAnswer() async throws {
        let (prompter, diagnostics, _) = prompter(["7", "1,3"])
        let answer = try await prompter.choose("Delete what?", options: ["Cloud Run services (3)", "Buckets (4)", "Secrets (3)"])
        #expect(answer == .selected([0, 2]))
        #expect(diagnostics.text.contains("  1) Cloud Run services (3)\n  2) Buckets (4)\n  3) Secrets (3)\n"))
        #expect(diagnostics.text.contains("'7' is not between 1 and 3"))
    }

    @Test func menuGivesUpAfterThreeBadAnswers() async {
        let (prompter, _, _) = prompter(["x", "y", "z", "1"])
        await #expect(throws: PromptError.noValidAnswer(question: "Delete what?")) {
            try await prompter.choose("Delete what?", options: ["a", "b"])
        }
    }

    @Test func menuWithoutATerminalRefuses() async {
        let (prompter, _, _) = prompter(["1"], interactive: false, yes: true)
        await #expect(throws: PromptError.self) { try await prompter.choose("Delete what?", options: ["a"]) }
    }
}
