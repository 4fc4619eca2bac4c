/// The p99 ITL test with the request as the cluster: compares the share of gaps above a common
/// cut c between base and head, with a variance that respects that a request's gaps move
/// together (a ratio estimator's cluster-robust variance; docs/diff.md).
struct ClusteredExceedance: Sendable, Equatable {
    /// One request's gaps: how many exceed the cut, out of how many.
    struct Request: Sendable, Equatable {
        /// xᵢ, the request's gaps above the cut.
        var exceeding: Int
        /// mᵢ, all of the request's gaps.
        var gaps: Int
    }

    /// The fewest requests with gaps a side may have: the variance divides by n − 1.
    static let minimumRequests = 2

    /// p̂ of base, Σx/Σm.
    var baseShare: Double
    /// p̂ of head.
    var headShare: Double
    /// (p̂_h − p̂_b)/√(v_h + v_b); ±∞ when neither side varies but the shares differ.
    var z: Double
    /// Φ̄(z): small when head has more gaps above the cut.
    var pGreater: Double
    /// Φ(z): small when head has fewer gaps above the cut.
    var pLess: Double

    /// Compares head's share of gaps above the cut against base's. Requests without gaps (one
    /// output token) carry no information and are left out, also from n.
    ///
    /// With v_h + v_b = 0 there is no standard error: equal shares give z = 0 and p = 0.5 both
    /// ways, different shares z = ±∞ with p = 0 one way and 1 the other.
    ///
    /// - Throws: `NotTestable.tooFewSamples` (counting requests with gaps) when a side has fewer
    ///   than `minimumRequests` of them.
    static func test(base: [Request], head: [Request]) throws(NotTestable) -> ClusteredExceedance {
        precondition(
            (base + head).allSatisfy { $0.exceeding >= 0 && $0.exceeding <= $0.gaps },
            "a request's exceeding gaps are between 0 and its gaps")
        let base = base.filter { $0.gaps > 0 }
        let head = head.filter { $0.gaps > 0 }
        guard base.count >= minimumRequests && head.count >= minimumRequests else {
            throw .tooFewSamples(base: base.count, head: head.count, minimum: minimumRequests)
        }
        let baseSide = Side(base)
        let headSide = Side(head)
        let variance = baseSide.variance + headSide.variance
        let difference = headSide.share - baseSide.share
        let z: Double
        if variance > 0 {
            z = difference / variance.squareRoot()
        } else {
            z = difference == 0 ? 0 : (difference > 0 ? .infinity : -.infinity)
        }
        // Φ̄(±∞) is 0 or 1 exactly, so the rule above needs no special p.
        let equal = variance == 0 && difference == 0
        return ClusteredExceedance(
            baseShare: baseSide.share, headShare: headSide.share, z: z,
            pGreater: equal ? 0.5 : NormalDistribution.survival(z),
            pLess: equal ? 0.5 : NormalDistribution.cumulative(z))
    }

    /// One side's share p̂ and its variance v = n/(n − 1)·Σ(xᵢ − p̂·mᵢ)²/(Σm)².
    private struct Side {
        var share: Double
        var variance: Double

        init(_ requests: [Request]) {
            let exceeding = Double(requests.reduce(0) { $0 + $1.exceeding })
            let gaps = Double(requests.reduce(0) { $0 + $1.gaps })
            let share = exceeding / gaps
            var squares = 0.0
            for request in requests {
                let residual = Double(request.exceeding) - share * Double(request.gaps)
                squares += residual * residual
            }
            let n = Double(requests.count)
            self.share = share
            variance = n / (n - 1) * squares / (gaps * gaps)
        }
    }
}
