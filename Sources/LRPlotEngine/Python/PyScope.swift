/// A scope being compiled: where each name lives (a frame slot, a cell, the module's globals or a
/// class namespace), decided as CPython's symbol table decides it.
final class PyScope {
    enum Kind { case module, function, classBody }

    let kind: Kind
    let parent: PyScope?
    /// Names bound in this scope (assigned, parameters, `def`, `class`, `import`, `for` targets).
    var bound: Set<String> = []
    /// Names declared `global`.
    var globals: Set<String> = []
    var slots: [String: Int] = [:]
    var slotCount = 0
    /// Own cells first, then cells captured from enclosing functions.
    var cells: [String: Int] = [:]
    var ownCellNames: [String] = []
    var freeNames: [String] = []
    /// Where a comprehension variable lives.
    enum Hidden { case slot(Int), cell(Int), global(Int) }
    /// Comprehension variables, innermost last.
    var overlays: [[String: Hidden]] = []
    /// The enclosing class for methods defined in a class body (for `super()`).
    var isMethodScope = false
    var firstParameter: String?

    init(kind: Kind, parent: PyScope?) {
        self.kind = kind
        self.parent = parent
    }

    func newSlot() -> Int {
        slotCount += 1
        return slotCount - 1
    }

    /// The cell index of `name` in this function scope, capturing it from an enclosing function if
    /// it is one of theirs; nil when it is no enclosing function's variable.
    func cellIndex(_ name: String) -> Int? {
        if let c = cells[name] { return c }
        guard kind == .function else { return nil }
        var p = parent
        while let s = p, s.kind == .classBody { p = s.parent }
        guard let enclosing = p, enclosing.kind == .function, !globals.contains(name) else { return nil }
        guard enclosing.cellIndex(name) != nil else { return nil }
        let index = ownCellNames.count + freeNames.count
        freeNames.append(name)
        cells[name] = index
        return index
    }
}

/// The name analysis of a block: what it binds, and which names nested functions use.
enum PyBindings {
    /// Names a function or module body binds (not descending into nested functions and classes).
    static func bound(_ body: [PyStatement], into names: inout Set<String>, globals: inout Set<String>) {
        for s in body { bound(s, &names, &globals) }
    }

    private static func bound(_ s: PyStatement, _ names: inout Set<String>, _ globals: inout Set<String>) {
        switch s {
        case .assign(let targets, _, _): for t in targets { targetNames(t, &names) }
        case .augmentedAssign(let t, _, _, _): targetNames(t, &names)
        case .annotatedAssign(let t, _, _, _): targetNames(t, &names)
        case .forLoop(let t, _, let body, let orElse, _):
            targetNames(t, &names)
            bound(body, into: &names, globals: &globals)
            bound(orElse, into: &names, globals: &globals)
        case .whileLoop(_, let body, let orElse, _):
            bound(body, into: &names, globals: &globals)
            bound(orElse, into: &names, globals: &globals)
        case .ifChain(let branches, let orElse, _):
            for (_, b) in branches { bound(b, into: &names, globals: &globals) }
            bound(orElse, into: &names, globals: &globals)
        case .functionDef(let f, _, _): names.insert(f.name)
        case .classDef(let c, _): names.insert(c.name)
        case .importModules(let modules, _):
            for m in modules { names.insert(m.alias ?? String(m.path.split(separator: ".").first ?? "")) }
        case .importFrom(_, let items, _): for i in items where i.name != "*" { names.insert(i.alias ?? i.name) }
        case .global(let g, _): globals.formUnion(g)
        case .delete(let targets, _): for t in targets { targetNames(t, &names) }
        case .tryExcept(let body, let handlers, let orElse, let finally, _):
            bound(body, into: &names, globals: &globals)
            for h in handlers {
                if let n = h.name { names.insert(n) }
                bound(h.body, into: &names, globals: &globals)
            }
            bound(orElse, into: &names, globals: &globals)
            bound(finally, into: &names, globals: &globals)
        case .with(let items, let body, _):
            for (_, t) in items { if let t { targetNames(t, &names) } }
            bound(body, into: &names, globals: &globals)
        default: break
        }
    }

    static func targetNames(_ t: PySyntax, _ names: inout Set<String>) {
        switch t {
        case .name(let n, _): names.insert(n)
        case .tuple(let items, _), .list(let items, _): for i in items { targetNames(i, &names) }
        case .starred(let inner, _): targetNames(inner, &names)
        default: break
        }
    }

    /// Every name used inside functions, lambdas and classes nested in `body` (at any depth): an
    /// over-approximation of the variables they capture, which become cells.
    static func nestedReferences(_ body: [PyStatement]) -> Set<String> {
        var result: Set<String> = []
        var walker = Walker(inNested: false, result: [])
        for s in body { walker.statement(s) }
        result = walker.result
        return result
    }

    private struct Walker {
        var inNested: Bool
        var result: Set<String>

        mutating func statements(_ body: [PyStatement]) { for s in body { statement(s) } }

        mutating func nested(_ body: () -> Void) {
            let saved = inNested
            inNested = true
            body()
            inNested = saved
        }

        mutating func function(_ f: PyFunctionNode) {
            for p in f.parameters { if let d = p.defaultValue { expression(d) } }
            let saved = inNested
            inNested = true
            statements(f.body)
            inNested = saved
        }

        mutating func statement(_ s: PyStatement) {
            switch s {
            case .expression(let e, _): expression(e)
            case .assign(let targets, let value, _): targets.forEach { expression($0) }; expression(value)
            case .augmentedAssign(let t, _, let v, _): expression(t); expression(v)
            case .annotatedAssign(let t, _, let v, _): expression(t); if let v { expression(v) }
            case .ifChain(let branches, let orElse, _):
                for (test, body) in branches { expression(test); statements(body) }
                statements(orElse)
            case .whileLoop(let test, let body, let orElse, _): expression(test); statements(body); statements(orElse)
            case .forLoop(let t, let iterable, let body, let orElse, _):
                expression(t); expression(iterable); statements(body); statements(orElse)
            case .functionDef(let f, let decorators, _): decorators.forEach { expression($0) }; function(f)
            case .classDef(let c, _):
                c.bases.forEach { expression($0) }
                c.decorators.forEach { expression($0) }
                let saved = inNested
                inNested = true
                statements(c.body)
                inNested = saved
            case .returnValue(let e, _): if let e { expression(e) }
            case .assert(let t, let m, _): expression(t); if let m { expression(m) }
            case .raise(let e, _): if let e { expression(e) }
            case .delete(let ts, _): ts.forEach { expression($0) }
            case .nonlocal(let names, _): if inNested { result.formUnion(names) }
            case .tryExcept(let body, let handlers, let orElse, let finally, _):
                statements(body)
                for h in handlers {
                    if let t = h.type { expression(t) }
                    if inNested, let n = h.name { result.insert(n) }
                    statements(h.body)
                }
                statements(orElse)
                statements(finally)
            case .with(let items, let body, _):
                for (e, t) in items { expression(e); if let t { expression(t) } }
                statements(body)
            default: break
            }
        }

        mutating func expression(_ e: PySyntax) {
            switch e {
            case .constant: break
            case .name(let n, _): if inNested { result.insert(n) }
            case .attribute(let b, _, _): expression(b)
            case .subscript(let b, let i, _): expression(b); expression(i)
            case .slice(let a, let b, let c, _): for x in [a, b, c] { if let x { expression(x) } }
            case .call(let f, let args, _):
                expression(f)
                for a in args {
                    switch a {
                    case .positional(let x), .keyword(_, let x), .star(let x), .doubleStar(let x): expression(x)
                    }
                }
            case .unary(_, let x, _), .starred(let x, _): expression(x)
            case .binary(_, let a, let b, _), .boolean(_, let a, let b, _): expression(a); expression(b)
            case .compare(let a, let rest, _): expression(a); rest.forEach { expression($0.1) }
            case .conditional(let t, let b, let o, _): expression(t); expression(b); expression(o)
            case .lambda(let f, _): function(f)
            case .list(let items, _), .tuple(let items, _), .set(let items, _): items.forEach { expression($0) }
            case .dict(let entries, _): for (k, v) in entries { if let k { expression(k) }; expression(v) }
            case .comprehension(_, let element, let value, let generators, _):
                expression(element)
                if let value { expression(value) }
                for g in generators { expression(g.target); expression(g.iterable); g.conditions.forEach { expression($0) } }
            case .fstring(let parts, _):
                for case .field(let x, _, _) in parts { expression(x) }
            }
        }
    }
}
