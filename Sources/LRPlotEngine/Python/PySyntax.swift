/// A position in a Python source: 1-based line and column.
struct PyLoc: Sendable, Equatable {
    var line: Int
    var column: Int
    /// Lines of lrplot's own Python (torch's LRScheduler) are numbered from here.
    static let libraryLine = 1_000_000
}

/// One argument at a call site.
enum PyCallArgument {
    case positional(PySyntax)
    case keyword(String, PySyntax)
    /// `*iterable`
    case star(PySyntax)
    /// `**mapping`
    case doubleStar(PySyntax)
}

/// One `for … in … if …` clause of a comprehension.
struct PyGenerator {
    var target: PySyntax
    var iterable: PySyntax
    var conditions: [PySyntax]
}

/// The kind of a comprehension.
enum PyComprehensionKind { case list, set, dict, generator }

/// A piece of an f-string: literal text or a field (`{expr!r:fmt}`).
enum PyFStringPart {
    case text(String)
    case field(PySyntax, conversion: Character?, spec: String)
}

/// A Python expression of the evaluator's subset, with its position.
indirect enum PySyntax {
    case constant(PyConstant, PyLoc)
    case name(String, PyLoc)
    case attribute(PySyntax, String, PyLoc)
    case `subscript`(PySyntax, PySyntax, PyLoc)
    case slice(PySyntax?, PySyntax?, PySyntax?, PyLoc)
    case call(PySyntax, [PyCallArgument], PyLoc)
    case unary(String, PySyntax, PyLoc)
    case binary(String, PySyntax, PySyntax, PyLoc)
    case boolean(isAnd: Bool, PySyntax, PySyntax, PyLoc)
    case compare(PySyntax, [(String, PySyntax)], PyLoc)
    case conditional(test: PySyntax, body: PySyntax, orElse: PySyntax, PyLoc)
    case lambda(PyFunctionNode, PyLoc)
    case list([PySyntax], PyLoc)
    case tuple([PySyntax], PyLoc)
    case set([PySyntax], PyLoc)
    /// Dict display; a nil key is a `**mapping` spread.
    case dict([(PySyntax?, PySyntax)], PyLoc)
    case comprehension(PyComprehensionKind, element: PySyntax, value: PySyntax?, [PyGenerator], PyLoc)
    case fstring([PyFStringPart], PyLoc)
    case starred(PySyntax, PyLoc)

    var loc: PyLoc {
        switch self {
        case .constant(_, let l), .name(_, let l), .attribute(_, _, let l), .`subscript`(_, _, let l), .slice(_, _, _, let l),
             .call(_, _, let l), .unary(_, _, let l), .binary(_, _, _, let l), .boolean(_, _, _, let l), .compare(_, _, let l),
             .conditional(_, _, _, let l), .lambda(_, let l), .list(_, let l), .tuple(_, let l), .set(_, let l), .dict(_, let l),
             .comprehension(_, _, _, _, let l), .fstring(_, let l), .starred(_, let l):
            return l
        }
    }

    /// `a.b.c` for names and attribute chains.
    var dottedName: String? {
        switch self {
        case .name(let n, _): return n
        case .attribute(let base, let n, _): return base.dottedName.map { "\($0).\(n)" }
        default: return nil
        }
    }
}

/// A literal constant.
enum PyConstant {
    case none, bool(Bool), int(Int), float(Double), string(String)
    /// An integer literal beyond 64 bits.
    case bigInt(String)
    case ellipsis
}

/// A parameter of a `def` or `lambda`.
struct PyParameter {
    enum Kind { case normal, keywordOnly, varPositional, varKeyword }
    var name: String
    var defaultValue: PySyntax?
    var kind: Kind
    var loc: PyLoc
}

/// A function body (`def` or `lambda`) with what the scope analysis found about its names.
final class PyFunctionNode {
    let name: String
    let parameters: [PyParameter]
    let body: [PyStatement]
    let loc: PyLoc
    let isLambda: Bool

    init(name: String, parameters: [PyParameter], body: [PyStatement], loc: PyLoc, isLambda: Bool) {
        self.name = name
        self.parameters = parameters
        self.body = body
        self.loc = loc
        self.isLambda = isLambda
    }
}

/// A `class` statement.
final class PyClassNode {
    let name: String
    let bases: [PySyntax]
    let body: [PyStatement]
    let decorators: [PySyntax]
    let loc: PyLoc

    init(name: String, bases: [PySyntax], body: [PyStatement], decorators: [PySyntax], loc: PyLoc) {
        self.name = name
        self.bases = bases
        self.body = body
        self.decorators = decorators
        self.loc = loc
    }
}

/// A statement of the evaluator's subset.
indirect enum PyStatement {
    case expression(PySyntax, PyLoc)
    case assign(targets: [PySyntax], value: PySyntax, PyLoc)
    case augmentedAssign(PySyntax, String, PySyntax, PyLoc)
    case annotatedAssign(PySyntax, annotation: PySyntax, value: PySyntax?, PyLoc)
    case ifChain([(PySyntax, [PyStatement])], orElse: [PyStatement], PyLoc)
    case whileLoop(PySyntax, body: [PyStatement], orElse: [PyStatement], PyLoc)
    case forLoop(target: PySyntax, iterable: PySyntax, body: [PyStatement], orElse: [PyStatement], PyLoc)
    case functionDef(PyFunctionNode, decorators: [PySyntax], PyLoc)
    case classDef(PyClassNode, PyLoc)
    case returnValue(PySyntax?, PyLoc)
    case pass(PyLoc)
    case breakLoop(PyLoc)
    case continueLoop(PyLoc)
    /// `import a.b as c`: each module path with its alias.
    case importModules([(path: String, alias: String?)], PyLoc)
    /// `from a.b import c as d, e`; `*` imports everything.
    case importFrom(String, [(name: String, alias: String?)], PyLoc)
    case global([String], PyLoc)
    case nonlocal([String], PyLoc)
    case assert(PySyntax, message: PySyntax?, PyLoc)
    case raise(PySyntax?, PyLoc)
    case delete([PySyntax], PyLoc)
    /// `try: … except …:` — the body runs; a handler runs when the body raises a matching exception.
    case tryExcept(body: [PyStatement], handlers: [(type: PySyntax?, name: String?, body: [PyStatement])], orElse: [PyStatement], finally: [PyStatement], PyLoc)
    /// `with EXPR as NAME:` over lrplot's inert context managers (`torch.no_grad()`).
    case with([(PySyntax, PySyntax?)], body: [PyStatement], PyLoc)

    var loc: PyLoc {
        switch self {
        case .expression(_, let l), .assign(_, _, let l), .augmentedAssign(_, _, _, let l), .annotatedAssign(_, _, _, let l),
             .ifChain(_, _, let l), .whileLoop(_, _, _, let l), .forLoop(_, _, _, _, let l), .functionDef(_, _, let l),
             .classDef(_, let l), .returnValue(_, let l), .pass(let l), .breakLoop(let l), .continueLoop(let l),
             .importModules(_, let l), .importFrom(_, _, let l), .global(_, let l), .nonlocal(_, let l), .assert(_, _, let l),
             .raise(_, let l), .delete(_, let l), .tryExcept(_, _, _, _, let l), .with(_, _, let l):
            return l
        }
    }
}
