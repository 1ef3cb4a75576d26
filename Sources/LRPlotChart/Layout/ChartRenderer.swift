/// Draws a ``ChartLayout`` on any ``Canvas``.
public enum ChartRenderer {
    /// Draws every element of `layout` onto `canvas`, back to front.
    public static func draw(_ layout: ChartLayout, on canvas: any Canvas) {
        let style = layout.style
        canvas.fill(Rect(x: 0, y: 0, width: layout.size.width, height: layout.size.height), color: style.background)

        for panel in layout.panels {
            let plot = panel.plot
            canvas.fill(plot, color: style.plotBackground)
            // Grid, then axis frame and ticks.
            for tick in panel.yTicks {
                let y = crisp(tick.position)
                canvas.strokePolyline([Point(plot.x, y), Point(plot.maxX, y)], color: style.grid, width: 1, dash: [], clip: nil)
            }
            for tick in layout.xTicks {
                let x = crisp(tick.position)
                canvas.strokePolyline([Point(x, plot.y), Point(x, plot.maxY)], color: style.grid, width: 1, dash: [], clip: nil)
            }
            let frame = Rect(x: plot.x + 0.5, y: plot.y + 0.5, width: plot.width - 1, height: plot.height - 1)
            canvas.stroke(frame, color: style.axis, width: 1)
            for y in panel.minorYTicks where y >= plot.y && y <= plot.maxY {
                let crispY = crisp(y)
                var faint = style.grid
                faint.alpha *= 0.45
                canvas.strokePolyline([Point(plot.x, crispY), Point(plot.maxX, crispY)], color: faint, width: 1, dash: [], clip: nil)
                canvas.strokePolyline([Point(plot.x - style.tickLength / 2, crispY), Point(plot.x, crispY)], color: style.axis, width: 1, dash: [], clip: nil)
            }
            for tick in panel.yTicks {
                let y = crisp(tick.position)
                canvas.strokePolyline([Point(plot.x - style.tickLength, y), Point(plot.x, y)], color: style.axis, width: 1, dash: [], clip: nil)
                let metrics = canvas.measure(tick.label, font: style.tickFont)
                canvas.drawText(tick.label, at: Point(plot.x - style.tickLength - 4, tick.position + (metrics.ascent - metrics.descent) / 2),
                                font: style.tickFont, color: style.text, anchor: .right, rotated: false)
            }
        }
        if let last = layout.panels.last?.plot {
            for tick in layout.xTicks {
                let x = crisp(tick.position)
                canvas.strokePolyline([Point(x, last.maxY), Point(x, last.maxY + style.tickLength)], color: style.axis, width: 1, dash: [], clip: nil)
                let metrics = canvas.measure(tick.label, font: style.tickFont)
                canvas.drawText(tick.label, at: Point(tick.position, last.maxY + style.tickLength + 4 + metrics.ascent),
                                font: style.tickFont, color: style.text, anchor: .center, rotated: false)
            }
        }
        if let first = layout.panels.first?.plot {
            for tick in layout.secondaryTicks {
                let x = crisp(tick.position)
                canvas.strokePolyline([Point(x, first.y - style.tickLength), Point(x, first.y)], color: style.axis, width: 1, dash: [], clip: nil)
                let metrics = canvas.measure(tick.label, font: style.tickFont)
                canvas.drawText(tick.label, at: Point(tick.position, first.y - style.tickLength - 4 - metrics.descent),
                                font: style.tickFont, color: style.text, anchor: .center, rotated: false)
            }
        }

        // Markers, then data, in each panel.
        for panel in layout.panels {
            let plot = panel.plot
            for x in layout.markerLines {
                let crispX = crisp(x)
                canvas.strokePolyline([Point(crispX, plot.y + 1), Point(crispX, plot.maxY - 1)], color: style.marker, width: 1, dash: [3, 3], clip: nil)
            }
            let clip = Rect(x: plot.x + 1, y: plot.y + 1, width: plot.width - 2, height: plot.height - 2)
            for line in panel.lines {
                for run in finiteRuns(line.points) {
                    if run.count == 1 {
                        canvas.fillCircle(center: run[0], radius: style.lineWidth, color: line.color, clip: clip)
                    } else {
                        canvas.strokePolyline(run, color: line.color, width: style.lineWidth, dash: [], clip: clip)
                    }
                }
            }
        }

        // Text and legends on top.
        for text in layout.texts {
            canvas.drawText(text.text, at: text.origin, font: text.font, color: text.color, anchor: text.anchor, rotated: text.rotated)
        }
        for legend in layout.panels.compactMap(\.legend) {
            canvas.fill(legend.frame, color: style.legendBackground)
            let border = Rect(x: legend.frame.x + 0.5, y: legend.frame.y + 0.5, width: legend.frame.width - 1, height: legend.frame.height - 1)
            canvas.stroke(border, color: style.legendBorder, width: 1)
            for entry in legend.entries {
                canvas.strokePolyline(entry.swatch, color: entry.color, width: style.lineWidth + 0.5, dash: [], clip: nil)
                canvas.drawText(entry.text.text, at: entry.text.origin, font: entry.text.font, color: entry.text.color,
                                anchor: entry.text.anchor, rotated: false)
            }
        }
    }

    /// Moves a 1-unit line to the pixel centre so it is drawn sharp.
    static func crisp(_ v: Double) -> Double { v.rounded(.down) + 0.5 }

    /// Splits a polyline at non-finite points.
    static func finiteRuns(_ points: [Point]) -> [[Point]] {
        var runs: [[Point]] = []
        var current: [Point] = []
        for p in points {
            if p.x.isFinite && p.y.isFinite {
                current.append(p)
            } else if !current.isEmpty {
                runs.append(current)
                current = []
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }
}
