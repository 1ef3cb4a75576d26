import LRPlotEngine

/// The Python-call front end: `'StepLR(optimizer, step_size=5, gamma=0.9)'`, as written in a
/// training script, read with the expression parser into a call of the value tree. It knows no
/// schedule: the binder resolves the callee and gives the arguments their types.
public enum PythonCall {
    /// Reads one call such as `torch.optim.lr_scheduler.StepLR(opt, 30, gamma=0.1)` (an optional
    /// `scheduler = ` prefix is dropped); `origin` is where the text came from (a `compare` spec).
    public static func parse(_ text: String, origin: Origin = Origin()) throws(Diagnostic) -> CallValue {
        var source = text.trimmingSpaces
        if let eq = source.firstIndex(of: "="), let paren = source.firstIndex(of: "("), eq < paren {
            let lhs = source[..<eq].trimmingSpaces
            if !lhs.isEmpty, lhs.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }) {
                source = String(source[source.index(after: eq)...]).trimmingSpaces
            }
        }
        let place = Origin(spec: origin.spec, file: origin.file, line: origin.line, text: source)
        let expr: PyExpr
        do { expr = try PyParser.parse(source) } catch {
            var at = place
            at.column = error.column
            throw Diagnostic("cannot read the Python call: \(error.message) at column \(error.column)", at: at)
        }
        let value = PythonValues(source: source, origin: place).value(expr, text: source)
        guard case .call(let call) = value.literal else {
            throw Diagnostic("'\(text)' is not a scheduler constructor call such as 'StepLR(optimizer, step_size=30)'", at: origin)
        }
        return call
    }
}

/// Turns parsed Python expressions into values of the tree, each with its column in `source`.
struct PythonValues {
    let source: String
    let origin: Origin

    func at(_ column: Int) -> Origin {
        var o = origin
        o.column = column
        return o
    }

    func value(_ e: PyExpr, text: String) -> SourceValue {
        let here = at(e.column)
        switch e {
        case .int(let v, _): return SourceValue(.number(Double(v), integer: v), text: text, origin: here)
        case .float(let v, _): return SourceValue(.number(v, integer: nil), text: text, origin: here)
        case .bool(let b, _): return SourceValue(.bool(b), text: text, origin: here)
        case .none: return SourceValue(.none, text: text, origin: here)
        case .string(let s, _): return SourceValue(.string(s), text: text, origin: here)
        case .unary(let op, let inner, _) where op == "-" || op == "+":
            let operand = value(inner, text: text)
            if case .number(let x, let integer) = operand.literal {
                let negate = op == "-"
                let exact: Int? = negate ? integer.flatMap { $0 == Int.min ? nil : -$0 } : integer
                return SourceValue(.number(negate ? -x : x, integer: exact), text: text, origin: here)
            }
            return SourceValue(.expression(text), text: text, origin: here)
        case .name, .attribute:
            guard let dotted = e.dottedName else { return SourceValue(.expression(text), text: text, origin: here) }
            if dotted == "math.inf" || dotted == "np.inf" || dotted == "numpy.inf" { return SourceValue(.number(.infinity, integer: nil), text: text, origin: here) }
            if dotted == "math.nan" || dotted == "np.nan" || dotted == "numpy.nan" { return SourceValue(.number(.nan, integer: nil), text: text, origin: here) }
            return SourceValue(.name(dotted), text: text, origin: here)
        case .list(let items, let sources, _):
            return SourceValue(.list(zip(items, sources).map { value($0, text: $1) }), text: text, origin: here)
        case .call(let callee, let arguments, _):
            guard let name = callee.dottedName else { return SourceValue(.expression(text), text: text, origin: here) }
            // `float("inf")`, `float('nan')`.
            if name == "float", arguments.count == 1, arguments[0].label == nil, case .string(let word, _) = arguments[0].value,
               let special = PythonFloat.special(word.trimmingSpaces) {
                return SourceValue(.number(special, integer: nil), text: text, origin: here)
            }
            var call = CallValue(callee: name, form: .python, origin: here, text: text)
            for argument in arguments {
                let v = value(argument.value, text: argument.source)
                if let label = argument.label { call.keywords.append(CallValue.Keyword(label, v)) } else { call.positional.append(v) }
            }
            return SourceValue(.call(call), text: text, origin: here)
        default:
            return SourceValue(.expression(text), text: text, origin: here)
        }
    }
}

extension StringProtocol {
    var trimmingSpaces: String {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[first...last])
    }
}
