/// A numeric axis fitted to data: its scale with a nice domain, the tick values and their labels.
struct NumericAxis: Sendable {
    enum Mapping: Sendable {
        case linear(LinearScale)
        case log(LogScale)
    }

    var mapping: Mapping
    var ticks: [Double]
    var tickLabels: [String]
    /// Unlabelled grid positions: 2…9 × 10^k on a log axis labelled only at powers of ten.
    var minorTicks: [Double] = []

    var isLog: Bool {
        if case .log = mapping { return true }
        return false
    }

    func position(of value: Double) -> Double {
        switch mapping {
        case .linear(let scale): scale.position(of: value)
        case .log(let scale): scale.position(of: value)
        }
    }

    /// Fits an axis to the finite values, with about one tick per `pixelsPerTick`.
    ///
    /// Log is used only where every value is positive; a single value or all-equal values get a
    /// small domain around them; no values give 0…1.
    static func fitted(
        to values: [Double], choice: ScaleChoice, includesZero: Bool, rangeStart: Double, rangeEnd: Double,
        pixelsPerTick: Double
    ) -> NumericAxis {
        let finite = values.filter(\.isFinite)
        // Rounded down: the nice step may still give up to 1.4 times as many ticks.
        let tickCount = max(2, Int((abs(rangeEnd - rangeStart) / pixelsPerTick).rounded(.down)))
        let smallest = finite.min() ?? 0
        let largest = finite.max() ?? 1
        let wantsLog =
            switch choice {
            case .linear: false
            case .log: true
            case .automatic: largest / smallest > 100
            }
        if wantsLog, smallest > 0, !finite.isEmpty {
            let domain = smallest < largest ? smallest...largest : (smallest / 2)...(largest * 2)
            if let scale = LogScale(domain: domain, rangeStart: rangeStart, rangeEnd: rangeEnd)?
                .niced(maximumTickCount: tickCount + 1)
            {
                let ticks = scale.ticks(maximumCount: tickCount + 1)
                let labels = ticks.map { NumberText.fixed($0, decimals: LogScale.labelDecimals(for: $0)) }
                return NumericAxis(
                    mapping: .log(scale), ticks: ticks, tickLabels: labels,
                    minorTicks: LogScale.minorTicks(in: scale.domain, besides: ticks))
            }
        }
        var lower = includesZero ? min(smallest, 0) : smallest
        var upper = includesZero ? max(largest, 0) : largest
        if finite.isEmpty {
            lower = 0
            upper = 1
        } else if lower == upper {
            // One value, or all equal: give it room rather than a zero-width axis.
            let margin = lower == 0 ? 1 : abs(lower) / 10
            lower = lower == 0 || (includesZero && lower > 0) ? min(lower, 0) : lower - margin
            upper += margin
        }
        let scale = LinearScale(domain: lower...upper, rangeStart: rangeStart, rangeEnd: rangeEnd)
            .niced(tickCount: tickCount)
        let ticks = scale.ticks(count: tickCount)
        let decimals = scale.tickLabelDecimals(count: tickCount)
        return NumericAxis(
            mapping: .linear(scale), ticks: ticks, tickLabels: ticks.map { NumberText.fixed($0, decimals: decimals) })
    }
}
