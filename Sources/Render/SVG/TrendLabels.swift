/// Where the full trend chart writes its text: labelled runs under the x axis, and change-point
/// labels in rows above the plot. Widths are `TextMetrics` estimates, so nothing laid out here
/// overlaps at any size the page scales the chart to.
enum TrendLabels {
    /// A labelled point: a tick at `x`, its date over its commit, both centred on `centre`.
    struct Tick: Sendable, Equatable {
        /// The point's index on the line.
        var index: Int
        var x: Double
        var centre: Double
        /// "2026-10-14", or "10-14" when the tick before it is of the same year.
        var date: String
        var commit: String
        var width: Double

        var left: Double { centre - width / 2 }
        var right: Double { centre + width / 2 }
    }

    static let fontSize = ChartMetrics.fontSize
    /// The least room between two tick labels, so two dates never read as one.
    static let tickGap = 10.0

    /// The labelled points: every `step`-th point for the smallest step of 1, 2, 5, 10, 20, 50, …
    /// whose labels do not overlap, and always the last point (a step's tick too close to it
    /// gives way). `position` is a point's x from its index; `bounds` the width labels may use.
    static func ticks(
        points: [TrendChart.Point], position: (Int) -> Double, bounds: ClosedRange<Double>
    ) -> [Tick] {
        guard !points.isEmpty else { return [] }
        let last = points.count - 1
        // Every label is at least as wide as its commit: more labels than that allows cannot
        // fit, so such steps are skipped without laying them out (a thousand runs would
        // otherwise lay out hundreds of labels, step after step).
        let narrowest = points.map { TextMetrics.width(of: $0.commit, fontSize: fontSize) }.min() ?? 0
        let fitting =
            narrowest > 0
            ? Int((bounds.upperBound - bounds.lowerBound + tickGap) / (narrowest + tickGap)) : Int.max
        var step = 1
        while step <= max(last, 1) {
            var indexes = Array(stride(from: 0, through: last, by: step))
            if indexes.last != last { indexes.append(last) }
            guard indexes.count <= fitting else {
                step = nextNiceStep(after: step)
                continue
            }
            var ticks = labelled(indexes, of: points, position: position, bounds: bounds)
            // The last point is always labelled: a step's tick that crowds it gives way.
            while ticks.count > 1, ticks[ticks.count - 1].left - ticks[ticks.count - 2].right < tickGap {
                indexes.remove(at: indexes.count - 2)
                ticks = labelled(indexes, of: points, position: position, bounds: bounds)
            }
            if zip(ticks, ticks.dropFirst()).allSatisfy({ $1.left - $0.right >= tickGap }) { return ticks }
            step = nextNiceStep(after: step)
        }
        return labelled([last], of: points, position: position, bounds: bounds)
    }

    /// 1, 2, 5, 10, 20, 50, 100, …
    static func nextNiceStep(after step: Int) -> Int {
        var decade = 1
        while decade * 10 <= step { decade *= 10 }
        switch step / decade {
        case 1: return 2 * decade
        case 2, 3, 4: return 5 * decade
        default: return 10 * decade
        }
    }

    /// Ticks for the points at `indexes` (ascending): a label is centred on its tick and moved
    /// inward only as far as it must to stay within `bounds`.
    static func labelled(
        _ indexes: [Int], of points: [TrendChart.Point], position: (Int) -> Double, bounds: ClosedRange<Double>
    ) -> [Tick] {
        var previousDate: String?
        return indexes.map { index in
            let point = points[index]
            let date = dateText(point.date, after: previousDate)
            previousDate = point.date
            let width = max(
                TextMetrics.width(of: date, fontSize: fontSize),
                TextMetrics.width(of: point.commit, fontSize: fontSize))
            let x = position(index)
            let centre = min(max(x, bounds.lowerBound + width / 2), bounds.upperBound - width / 2)
            return Tick(index: index, x: x, centre: centre, date: date, commit: point.commit, width: width)
        }
    }

    /// "10-14" for a day of the same year as the previous label's, else the date as it is.
    static func dateText(_ date: String, after previous: String?) -> String {
        guard let previous, isDay(date), isDay(previous), date.prefix(4) == previous.prefix(4) else { return date }
        return String(date.dropFirst(5))
    }

    /// "YYYY-MM-DD".
    static func isDay(_ text: String) -> Bool {
        let characters = Array(text)
        guard characters.count == 10 else { return false }
        return characters.indices.allSatisfy { index in
            index == 4 || index == 7
                ? characters[index] == "-" : characters[index].isASCII && characters[index].isNumber
        }
    }

    // MARK: - Change points

    /// A change point's label: its text, the row above the plot (0 nearest it) and its horizontal
    /// extent; the text starts 4 units right of the marker (`start`) or ends 4 units left of it.
    struct MarkerLabel: Sendable, Equatable {
        var text: String
        var row: Int
        var anchor: String
        var x: Double
        var left: Double
        var right: Double
    }

    static let labelFontSize = ChartMetrics.fontSize
    /// The least room between two labels of a row.
    static let labelGap = 8.0
    /// Rows above the plot at most; the fewest that hold every label are used.
    static let maximumRows = 3

    /// Labels for markers at `xs` with texts `labels`, in priority order, each within `plot` and
    /// clear of the others and of `reserved` extents of row 0. First every marker's step alone
    /// ("+14.4%") in as few rows as hold them all; then, in priority order, a step becomes its
    /// label up to " between " where that fits in the same row. Nil for a marker without room
    /// even for its step (its tooltip and the chart's description still say it).
    static func markerLabels(
        xs: [Double], labels: [String], plot: ClosedRange<Double>, reserved: [ClosedRange<Double>] = []
    ) -> [MarkerLabel?] {
        let steps = labels.map { shortForms(of: $0).last! }
        var placed: [MarkerLabel?] = []
        for rows in 1...maximumRows {
            placed = sweep(xs: xs, texts: steps, plot: plot, reserved: reserved, rows: rows)
            if placed.allSatisfy({ $0 != nil }) { break }
        }
        for index in placed.indices {
            guard let label = placed[index], let longer = shortForms(of: labels[index]).first, longer != label.text
            else { continue }
            let others =
                placed.indices.compactMap { $0 == index ? nil : placed[$0] }.filter { $0.row == label.row }
                .map { $0.left...$0.right } + (label.row == 0 ? reserved : [])
            if let upgraded = fit(longer, at: xs[index], row: label.row, plot: plot, taken: others) {
                placed[index] = upgraded
            }
        }
        return placed
    }

    /// Markers left to right, each text in the lowest of `rows` rows with room: left of its
    /// marker where that fits (leaving the right to the markers still to come), else right of it.
    static func sweep(
        xs: [Double], texts: [String], plot: ClosedRange<Double>, reserved: [ClosedRange<Double>], rows: Int
    ) -> [MarkerLabel?] {
        var taken: [[ClosedRange<Double>]] = Array(repeating: [], count: rows)
        taken[0] = reserved
        var placed: [MarkerLabel?] = Array(repeating: nil, count: xs.count)
        for index in xs.indices.sorted(by: { (xs[$0], $0) < (xs[$1], $1) }) {
            for row in 0..<rows {
                if let label = fit(texts[index], at: xs[index], row: row, plot: plot, taken: taken[row]) {
                    placed[index] = label
                    taken[row].append(label.left...label.right)
                    break
                }
            }
        }
        return placed
    }

    /// `text` beside a marker at `x` in `row`, left of it if there is room, else right of it;
    /// nil if neither side stays within `plot` and `labelGap` clear of `taken`.
    static func fit(
        _ text: String, at x: Double, row: Int, plot: ClosedRange<Double>, taken: [ClosedRange<Double>]
    ) -> MarkerLabel? {
        let width = TextMetrics.width(of: text, fontSize: labelFontSize)
        for anchor in ["end", "start"] {
            let left = anchor == "start" ? x + 4 : x - 4 - width
            let extent = left...(left + width)
            guard plot.contains(extent.lowerBound), plot.contains(extent.upperBound) else { continue }
            let clear = taken.allSatisfy {
                extent.lowerBound - $0.upperBound >= labelGap || $0.lowerBound - extent.upperBound >= labelGap
            }
            if clear {
                return MarkerLabel(
                    text: text, row: row, anchor: anchor, x: anchor == "start" ? x + 4 : x - 4,
                    left: extent.lowerBound, right: extent.upperBound)
            }
        }
        return nil
    }

    /// "+14.4% (49.60 → 56.75 ms)" and "+14.4%" of "+14.4% (49.60 → 56.75 ms) between a and b".
    static func shortForms(of label: String) -> [String] {
        let medium = label.components(separatedBy: " between ").first ?? label
        let short = medium.components(separatedBy: " (").first ?? medium
        return short == medium ? [medium] : [medium, short]
    }
}
