import LRPlotEngine
import LRPlotRender

/// Turns a finished run into a ``Chart``: title from the schedule, one series per group.
enum ChartBuilder {
    static func chart(for request: RunRequest, decimators: [ColumnDecimator]) -> Chart {
        let options = request.options
        let groups = options.lrs.count
        let series = decimators.enumerated().map { index, decimator in
            Series(name: groups > 1 ? "group \(index)  (lr=\(PyFormat.repr(options.lrs[index])))" : "lr",
                   points: decimator.polyline, colorIndex: index)
        }
        let lrText = options.lrs.map(PyFormat.repr).joined(separator: ", ")
        var subtitle = "\(groups > 1 ? "base lrs" : "base lr") \(lrText)  ·  \(grouped(options.epochs)) epochs"
        if groups > 1 { subtitle += "  ·  \(groups) param groups" }
        return Chart(title: options.title ?? request.schedule.pythonCallDescription, subtitle: subtitle,
                     xLabel: "epoch", yLabel: "lr", series: series,
                     xDomain: 0...Double(max(options.epochs - 1, 1)),
                     width: Double(options.width), height: Double(options.height))
    }

    /// `1234567` → `1,234,567`.
    static func grouped(_ n: Int) -> String {
        let digits = Array(String(n))
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(d)
        }
        return out
    }
}
