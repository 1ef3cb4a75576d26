import LRPlotEngine
import LRPlotChart

/// Turns finished runs into a ``Chart``: title from the schedule, one series per group (and per
/// schedule when comparing), the panels asked for, the schedule's markers.
enum ChartBuilder {
    /// One simulated schedule to draw.
    struct Run {
        let schedule: ScheduleArguments
        let sink: ChartTraceSink
        /// Legend name of each group's line (one entry per group).
        let names: [String]
        /// Rows per scheduler step (the schedule's markers count scheduler steps).
        var updatesPerStep = 1
    }

    /// The chart of one schedule.
    static func chart(for request: RunRequest, sink: ChartTraceSink) -> Chart {
        let options = request.options
        let groups = options.lrs.count
        let names = (0..<groups).map { groups > 1 ? "group \($0)  (lr=\(PyFormat.repr(options.lrs[$0])))" : "lr" }
        let lrText = options.lrs.map(PyFormat.repr).joined(separator: ", ")
        // Keras and optax schedules (no optimizer) are the lr itself: no base lr scales them.
        let family = request.schedule.definition.family
        let lrPart = family.takesOptimizer ? "\(groups > 1 ? "base lrs" : "base lr") \(lrText)" : "\(family.library) \(family.version), float32"
        var subtitle = "\(lrPart)  ·  \(grouped(options.epochs)) \(options.stepsPerEpoch == nil ? "epoch" : "step")\(options.epochs == 1 ? "" : "s")"
        if groups > 1 { subtitle += "  ·  \(groups) param groups" }
        // A derived number the subtitle already shows (the lr, the run length) is not repeated.
        for number in request.derived where !(number.label == "lr" && number.value == lrText) && number.value != "\(options.epochs)" {
            subtitle += "  ·  \(number.label) \(number.value)"
        }
        var built = chart(title: options.title ?? request.schedule.pythonCallDescription, subtitle: subtitle,
                          runs: [Run(schedule: request.schedule, sink: sink, names: names, updatesPerStep: request.updatesPerStep)], options: options)
        built.notes += request.notes
        return built
    }

    /// The chart of several runs overlaid (`compare`), or of one.
    static func chart(title: String, subtitle: String, runs: [Run], options: CommonOptions) -> Chart {
        var lr: [Series] = [], beta1: [Series] = [], loss: [Series] = []
        var color = 0
        var lowestLR = Double.infinity
        for run in runs {
            for (g, name) in run.names.enumerated() where g < run.sink.decimators.count {
                lr.append(Series(name: name, points: run.sink.decimators[g].polyline, colorIndex: color))
                beta1.append(Series(name: name, points: run.sink.beta1Decimators[g].polyline, colorIndex: color))
                if let low = run.sink.decimators[g].yRange?.lowerBound { lowestLR = min(lowestLR, low) }
                color += 1
            }
            // One loss per run (summed over its groups), in the colour of its first line.
            loss.append(Series(name: runs.count > 1 ? run.names.first ?? "loss" : "loss", points: run.sink.lossDecimator.polyline,
                               colorIndex: color - run.names.count))
        }
        let kinds = options.panels ?? ([.lr] + (runs.contains { $0.sink.beta1Varies } ? [.beta1] : []))
        let panels = kinds.map { kind -> Panel in
            switch kind {
            case .lr: return Panel(yLabel: options.yLabel ?? "lr", series: lr, logY: options.logY, weight: kinds.count > 1 ? 2 : 1)
            case .beta1: return Panel(yLabel: "beta1", series: beta1)
            case .loss: return Panel(yLabel: "toy loss", series: loss)
            }
        }
        var notes: [String] = []
        if options.logY && kinds.contains(.lr) && lowestLR <= 0 {
            notes.append("log axis: lr values ≤ 0 (down to \(PyFormat.repr(lowestLR))) are not drawn")
        }
        for run in runs {
            for (g, name) in run.names.enumerated() where g < run.sink.decimators.count {
                let decimator = run.sink.decimators[g]
                guard decimator.nonFiniteCount > 0 else { continue }
                let unit = options.stepsPerEpoch == nil ? "epoch" : "step"
                let count = decimator.nonFiniteCount == options.epochs ? "every \(unit)" : "\(grouped(decimator.nonFiniteCount)) \(unit)\(decimator.nonFiniteCount == 1 ? "" : "s")"
                notes.append("\(name) is \(decimator.nonFiniteKinds.joined(separator: "/")) at \(count) (first: \(unit) \(decimator.firstNonFinite ?? 0)): not drawn")
            }
        }
        var markers = options.markers
            ? runs.count == 1 ? runs[0].schedule.definition.markers(runs[0].schedule, options.epochs / runs[0].updatesPerStep)
                .map { Marker(x: $0.epoch * Double(runs[0].updatesPerStep), label: $0.label) } : []
            : []
        if let run = runs.first, runs.count == 1, let firstLR = lr.first {
            markers = placedByTheLine(markers, line: firstLR.points, notes: &notes, schedule: run.schedule.definition.name)
        }
        var chart = Chart(title: title, subtitle: subtitle,
                     xLabel: options.xLabel ?? (options.stepsPerEpoch == nil ? "epoch" : "step"),
                     panels: panels, xDomain: 0...Double(max(options.epochs - 1, 0)),
                     width: Double(options.width), height: Double(options.height), markers: markers,
                     secondaryAxis: options.stepsPerEpoch.map { SecondaryAxis(label: "epoch", divisor: Double($0)) },
                     notes: notes)
        chart.lineDrawing = LineDrawing(rawValue: options.draw) ?? .auto
        return chart
    }

    /// A schedule declares its "peak" markers where its formula puts the cycle's extreme (CyclicLR at
    /// step_size_up, OneCycleLR at pct_start); whether that extreme is a peak or a trough depends on the
    /// values (max_lr below base_lr turns it over). The drawn line decides: a "peak" whose lr is below
    /// the lr at epoch 0 is a trough, labelled so with a note. The line keeps every extreme (the
    /// decimator keeps each bucket's minimum and maximum), so the nearest point is the extreme itself.
    static func placedByTheLine(_ markers: [Marker], line: [Point], notes: inout [String], schedule: String) -> [Marker] {
        guard let start = line.first(where: { $0.y.isFinite })?.y, markers.contains(where: { $0.label == "peak" }) else { return markers }
        var turned = false
        let placed = markers.map { marker -> Marker in
            guard marker.label == "peak", let value = nearest(marker.x, in: line), value < start else { return marker }
            turned = true
            return Marker(x: marker.x, label: "trough")
        }
        if turned {
            notes.append("\(schedule): the cycle's extremes are below the starting lr (troughs, not peaks)")
        }
        return placed
    }

    /// The finite y of the point of `line` nearest to `x` (points are in x order).
    static func nearest(_ x: Double, in line: [Point]) -> Double? {
        var low = 0, high = line.count
        while low < high {
            let mid = (low + high) / 2
            if line[mid].x < x { low = mid + 1 } else { high = mid }
        }
        let candidates = [low - 1, low].filter { line.indices.contains($0) && line[$0].y.isFinite }
        return candidates.min { abs(line[$0].x - x) < abs(line[$1].x - x) }.map { line[$0].y }
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
