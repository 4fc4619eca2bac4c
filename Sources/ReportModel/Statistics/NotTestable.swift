/// Why two samples cannot be compared: a normal outcome for a diff, not a failure.
public enum NotTestable: Error, Sendable, Equatable, CustomStringConvertible {
    /// A side has fewer samples than the method needs.
    case tooFewSamples(base: Int, head: Int, minimum: Int)
    /// NaN or infinite samples, counted per side: they have no rank and no percentile.
    case nonFiniteSamples(base: Int, head: Int)
    /// A relative change needs a base that is positive: some base sample is zero or negative.
    case nonPositiveBase
    /// NaN or infinite values in a history series: how many, and the index of the first.
    case nonFiniteRuns(count: Int, first: Int)

    /// A lower-case one-liner for reports.
    public var description: String {
        switch self {
        case .tooFewSamples(let base, let head, let minimum):
            "too few samples (\(base) base, \(head) head; at least \(minimum) a side)"
        case .nonFiniteSamples(let base, let head):
            "samples that are not finite numbers (\(base) base, \(head) head)"
        case .nonPositiveBase:
            "base samples that are not all positive (a relative change needs a positive base)"
        case .nonFiniteRuns(let count, let first):
            "\(count) runs that are not finite numbers (the first is run \(first))"
        }
    }

    /// Checks the sizes and finiteness that every test here needs.
    static func check(base: [Double], head: [Double], minimum: Int) throws(NotTestable) {
        let nonFinite = (base: base.count(where: { !$0.isFinite }), head: head.count(where: { !$0.isFinite }))
        if nonFinite.base > 0 || nonFinite.head > 0 {
            throw .nonFiniteSamples(base: nonFinite.base, head: nonFinite.head)
        }
        if base.count < minimum || head.count < minimum {
            throw .tooFewSamples(base: base.count, head: head.count, minimum: minimum)
        }
    }
}
