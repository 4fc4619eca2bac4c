/// How an axis maps values to positions.
public enum ScaleChoice: Sendable, Hashable {
    case linear
    /// Log10; falls back to linear when a value is zero or negative.
    case log
    /// Log10 when every value is positive and the largest is more than 100 times the smallest
    /// (more than two decades), else linear.
    case automatic
}

/// The title, unit and scale of a numeric axis, as the caller describes it.
public struct ChartAxis: Sendable, Hashable {
    /// What the axis measures: "TTFT p99".
    public var title: String
    /// Shown in brackets after the title: "TTFT p99 (ms)".
    public var unit: String?
    /// Linear, log, or chosen from the data.
    public var scale: ScaleChoice

    public init(_ title: String, unit: String? = nil, scale: ScaleChoice = .automatic) {
        self.title = title
        self.unit = unit
        self.scale = scale
    }

    /// "TTFT p99 (ms)", or "TTFT p99 (ms, log scale)" so a reader is not misled by the spacing.
    func label(isLog: Bool) -> String {
        let notes = [unit, isLog ? "log scale" : nil].compactMap { $0 }.filter { !$0.isEmpty }
        return notes.isEmpty ? title : "\(title) (\(notes.joined(separator: ", ")))"
    }
}
