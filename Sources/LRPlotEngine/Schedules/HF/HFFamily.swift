extension ScheduleFamily {
    /// Hugging Face transformers' schedules (`transformers.optimization`), each a torch `LambdaLR`.
    public static let hf = ScheduleFamily(
        id: "hf", library: "Hugging Face transformers", module: "transformers.optimization", version: "5.24.0",
        heading: "Hugging Face transformers 5.24 (get_scheduler types; LambdaLR factors, bit for bit)",
        composesWithTorch: true,
        classPrefixes: ["transformers.optimization.", "transformers."],
        factories: [FactoryForm(name: "get_scheduler", rewrite: HFGetScheduler.rewrite)]
    )
}

/// transformers' `get_scheduler(name, optimizer, num_warmup_steps=None, num_training_steps=None,
/// scheduler_specific_kwargs=None)`: the call of the `hf.NAME` schedule with exactly the arguments
/// `get_scheduler` passes on for that type, or its error when one is missing.
enum HFGetScheduler {
    static func rewrite(_ call: CallValue) throws(Diagnostic) -> CallValue {
        func argument(_ label: String, _ position: Int) -> SourceValue? {
            call.keyword(label) ?? (position < call.positional.count ? call.positional[position] : nil)
        }
        func fail(_ message: String) -> Diagnostic { Diagnostic(message, at: call.origin) }
        func schedule(_ callee: String, _ keywords: [CallValue.Keyword]) -> CallValue {
            CallValue(callee: callee, keywords: keywords, form: .python, origin: call.origin, text: call.text)
        }
        guard let nameArgument = argument("name", 0), case .string(let name) = nameArgument.literal else {
            throw fail("get_scheduler(name=…): expected the scheduler type as a string, e.g. get_scheduler(\"cosine\", optimizer, num_warmup_steps=10, num_training_steps=100)")
        }
        let specific = kwargs(argument("scheduler_specific_kwargs", 4))
        if name == "reduce_lr_on_plateau" { return schedule("ReduceLROnPlateau", specific) }
        if name == "greedy" { throw fail("get_scheduler(\"greedy\"): GreedyLR is not supported by lrplot") }
        let types = ScheduleRegistry.members(of: .hf).map { String($0.name.dropFirst(3)) }
        guard types.contains(name) else {
            throw fail("get_scheduler: '\(name)' is not a valid SchedulerType, please select one of \(types + ["reduce_lr_on_plateau"]).\(Suggestion.didYouMean(name, in: types))")
        }
        let callee = "hf." + name
        if name == "constant" { return schedule(callee, []) }
        guard let warmup = argument("num_warmup_steps", 2), !warmup.isNone else {
            throw fail("get_scheduler: SchedulerType.\(name.uppercased()) requires `num_warmup_steps`, please provide that argument.")
        }
        var passed = [CallValue.Keyword("num_warmup_steps", warmup)]
        if name == "constant_with_warmup" { return schedule(callee, passed) }
        let training = argument("num_training_steps", 3).flatMap { $0.isNone ? nil : $0 }
        if name != "inverse_sqrt" {
            if let training {
                passed.append(CallValue.Keyword("num_training_steps", training))
            } else if name != "warmup_stable_decay" {
                throw fail("get_scheduler: SchedulerType.\(name.uppercased()) requires `num_training_steps`, please provide that argument.")
            }
        }
        return schedule(callee, passed + specific)
    }

    /// The keyword arguments of a `{"key": value}` dict or `dict(key=value)` call.
    private static func kwargs(_ value: SourceValue?) -> [CallValue.Keyword] {
        guard let value, case .call(let dict) = value.literal, dict.callee == "dict" else { return [] }
        return dict.keywords
    }
}
