/// torch 2.15's `LRScheduler` base class, in Python (ported from `torch/optim/lr_scheduler.py`,
/// keeping its operation order): what a snippet's `class WarmupLR(LRScheduler)` inherits.
enum PyTorchPrelude {
    static let source = """
class LRScheduler:
    _get_lr_called_within_step = False
    _is_initial = False

    def __init__(self, optimizer, last_epoch=-1):
        self.optimizer = optimizer
        if last_epoch == -1:
            for group in optimizer.param_groups:
                initial_lr = group["lr"]
                group.setdefault("initial_lr", initial_lr)
        else:
            for i, group in enumerate(optimizer.param_groups):
                if "initial_lr" not in group:
                    raise KeyError(f"param 'initial_lr' is not specified in param_groups[{i}] when resuming scheduler with last_epoch >= 0.")
        self.base_lrs = [group["initial_lr"] for group in optimizer.param_groups]
        self.last_epoch = last_epoch
        self._initial_step()

    def _initial_step(self):
        self._step_count = 0
        self._is_initial = True
        self.step()
        self._is_initial = False

    def state_dict(self):
        return {}

    def load_state_dict(self, state_dict):
        pass

    def get_last_lr(self):
        return self._last_lr

    def get_lr(self):
        raise NotImplementedError

    def step(self, epoch=None):
        self._step_count += 1
        self._update_lr(epoch)

    def _update_lr(self, epoch=None):
        self._get_lr_called_within_step = True
        if epoch is None:
            self.last_epoch += 1
            values = self.get_lr()
        else:
            self.last_epoch = epoch
            if hasattr(self, "_get_closed_form_lr"):
                values = self._get_closed_form_lr()
            else:
                values = self.get_lr()
        self._get_lr_called_within_step = False
        groups = self.optimizer.param_groups
        values = list(values)
        if len(values) < len(groups):
            raise ValueError("zip() argument 2 is shorter than argument 1")
        if len(values) > len(groups):
            raise ValueError("zip() argument 2 is longer than argument 1")
        for param_group, lr in zip(groups, values):
            param_group["lr"] = lr
        self._last_lr = [group["lr"] for group in self.optimizer.param_groups]


class _LRScheduler(LRScheduler):
    pass
"""

    /// The prelude's classes, compiled once per run.
    static func load(_ rt: PyRuntime) throws(PyError) -> [String: PyObject] {
        if let cached = rt.preludeClasses { return cached }
        let module = PyModuleState(runtime: rt, lines: source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init), file: "torch/optim/lr_scheduler.py")
        let compiler = PyCompiler(module: module, builtins: rt.builtins, overrides: [:])
        let body: [PyStatement]
        let code: PyExec
        do {
            body = try PySourceParser.parseModule(source, file: nil)
            code = try compiler.compileModule(body)
        } catch {
            throw .limit("internal: torch's LRScheduler did not compile: \(error.message) at line \(error.line)")
        }
        let frame = PyFrame(slots: 0, cells: [], function: nil, module: module)
        _ = try code(frame)
        var classes: [String: PyObject] = [:]
        for name in ["LRScheduler", "_LRScheduler"] {
            if let v = module[name] { classes[name] = v }
            if case .type(let c) = module[name] ?? .none { c.isTorchScheduler = true }
        }
        rt.preludeClasses = classes
        return classes
    }
}
