// Plain imports, as NormalDistribution.swift has them: one module may not mix access levels.
#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// One-sided Fisher exact tests for a change in the share of failed requests, base
/// (failedB of totalB) against head (failedH of totalH), conditional on the margins.
struct FisherExact: Sendable, Equatable {
    /// P(head has at least failedH failures | margins): small when head's failure share rose.
    /// SciPy's `fisher_exact([[fH, tH − fH], [fB, tB − fB]], alternative="greater")`.
    var pGreater: Double
    /// P(head has at most failedH failures | margins): small when head's failure share fell.
    var pLess: Double

    /// Tests head's failure share against base's. Counts must satisfy 0 ≤ failed ≤ total.
    ///
    /// Under the null, head's failures X are hypergeometric: K = fB + fH failures among
    /// N = tB + tH requests, tH of them head's. The first term of each tail comes from `lgamma`;
    /// later terms from the exact ratio P(x + 1)/P(x), summed from the largest term down, so a
    /// tail keeps its relative precision however small it is.
    ///
    /// - Throws: `NotTestable.tooFewSamples` when a side has no requests.
    static func test(failedBase: Int, totalBase: Int, failedHead: Int, totalHead: Int) throws(NotTestable)
        -> FisherExact
    {
        precondition(
            (0...max(totalBase, 0)).contains(failedBase) && (0...max(totalHead, 0)).contains(failedHead),
            "failure counts are between 0 and the total")
        guard totalBase > 0 && totalHead > 0 else {
            throw .tooFewSamples(base: totalBase, head: totalHead, minimum: 1)
        }
        let failures = failedBase + failedHead
        let all = totalBase + totalHead
        let lowest = max(0, totalHead - (all - failures))
        let highest = min(failures, totalHead)
        let upper = tail(from: failedHead, to: highest, failures: failures, all: all, drawn: totalHead)
        let lower = tail(from: failedHead, to: lowest, failures: failures, all: all, drawn: totalHead)
        return FisherExact(pGreater: min(upper, 1), pLess: min(lower, 1))
    }

    /// Σ P(X = x) for x from `start` to `end` (either direction), X hypergeometric with
    /// `failures` marked among `all`, `drawn` drawn.
    private static func tail(from start: Int, to end: Int, failures: Int, all: Int, drawn: Int) -> Double {
        let step = end >= start ? 1 : -1
        // Terms fall monotonically past the mode, so start the sum at the mode when the tail
        // holds it: the ratio then never multiplies up from an underflowed first term.
        let mode = Int((Double(drawn + 1) * Double(failures + 1) / Double(all + 2)).rounded(.down))
        let inside = step > 0 ? (start...end).contains(mode) : (end...start).contains(mode)
        let anchor = inside ? mode : start
        let anchorTerm = exp(logProbability(anchor, failures: failures, all: all, drawn: drawn))
        var sum = anchorTerm
        // Outward from the anchor to `end`, then back from the anchor to `start`.
        for (direction, limit) in [(step, end), (-step, start)] where anchor != limit {
            var term = anchorTerm
            var x = anchor
            while x != limit {
                term *= ratio(from: x, by: direction, failures: failures, all: all, drawn: drawn)
                x += direction
                sum += term
            }
        }
        return sum
    }

    /// P(X = x + direction)/P(X = x), exact in rational arithmetic up to rounding.
    private static func ratio(from x: Int, by direction: Int, failures: Int, all: Int, drawn: Int) -> Double {
        // P(x+1)/P(x) = (K − x)(n − x) / ((x + 1)(N − K − n + x + 1)).
        func up(_ x: Int) -> Double {
            Double(failures - x) * Double(drawn - x) / (Double(x + 1) * Double(all - failures - drawn + x + 1))
        }
        return direction > 0 ? up(x) : 1 / up(x - 1)
    }

    /// ln P(X = x) = ln C(K, x) + ln C(N − K, n − x) − ln C(N, n).
    private static func logProbability(_ x: Int, failures: Int, all: Int, drawn: Int) -> Double {
        logChoose(failures, x) + logChoose(all - failures, drawn - x) - logChoose(all, drawn)
    }

    /// ln C(n, k).
    private static func logChoose(_ n: Int, _ k: Int) -> Double {
        lgamma(Double(n + 1)) - lgamma(Double(k + 1)) - lgamma(Double(n - k + 1))
    }
}
