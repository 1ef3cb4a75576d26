extension ScheduleFamily {
    /// MMEngine's parameter schedulers (`mmengine.optim.scheduler`), stepped as its
    /// `ParamSchedulerHook` steps them: by-iteration schedulers after every iteration, by-epoch ones
    /// after every epoch, each only inside its `[begin, end)` window.
    public static let mmengine = ScheduleFamily(
        id: "mmengine", library: "MMEngine", module: "mmengine.optim.scheduler", version: "0.10.7",
        heading: "MMEngine 0.10.7 (param schedulers stepped as ParamSchedulerHook does, chainable, bit for bit)",
        composesWithTorch: false,
        classPrefixes: ["mmengine.optim.scheduler.", "mmengine.optim.", "mmengine."],
        factories: [FactoryForm(name: "dict", rewrite: MMEngineConfigDict.rewrite)]
    )
}

/// An MMEngine config entry `dict(type='LinearLR', start_factor=0.001, by_epoch=False, end=500)`:
/// the call of the `mmengine` schedule named by `type` with the other keys as its keywords, as
/// `PARAM_SCHEDULERS.build` constructs it.
enum MMEngineConfigDict {
    static func rewrite(_ call: CallValue) throws(Diagnostic) -> CallValue {
        guard call.positional.isEmpty else {
            throw Diagnostic("dict(…) as a scheduler config takes keyword arguments only, e.g. dict(type='LinearLR', start_factor=0.001, end=500)",
                             at: call.origin)
        }
        guard let type = call.keyword("type") else {
            throw Diagnostic("a scheduler config dict needs its `type`, e.g. dict(type='MultiStepLR', milestones=[8, 11])", at: call.origin)
        }
        let name: String
        switch type.literal {
        case .string(let text), .name(let text): name = text
        default:
            throw Diagnostic("type must be a str or valid type, but got '\(type.text)'", at: type.origin)
        }
        let bare = name.split(separator: ".").last.map(String.init) ?? name
        if bare == "ReduceOnPlateauLR" || bare == "ReduceOnPlateauMomentum" {
            throw Diagnostic("\(bare) is stepped with validation metrics (after_val_epoch); lrplot cannot simulate it from a config", at: type.origin)
        }
        let members = ScheduleRegistry.members(of: .mmengine)
        guard let definition = members.first(where: { $0.pythonClass == bare }) else {
            let known = members.compactMap(\.pythonClass)
            throw Diagnostic("\(name) is not in the mmengine::parameter scheduler registry that lrplot knows (\(known.joined(separator: ", ")))."
                             + Suggestion.didYouMean(bare, in: known), at: type.origin)
        }
        if let last = call.keyword("last_step") {
            guard case .number(_, .some(-1)) = last.literal else {
                throw Diagnostic("only last_step=-1 (a fresh run) can be simulated; to start later, simulate from 0", at: last.origin)
            }
        }
        let keywords = call.keywords.filter { !["type", "_scope_", "last_step"].contains($0.name) }
        return CallValue(callee: definition.name, positional: [], keywords: keywords, form: .python, origin: call.origin, text: call.text)
    }
}
