extension MannWhitneyU {
    /// The null distribution of U for samples of m and n values without ties.
    ///
    /// The number of arrangements with U = u is the coefficient of q^u in the Gaussian binomial
    /// [m+n choose m]_q = ∏_{i=1…m} (1 − q^(n+i)) / (1 − q^i). Each factor is a running sum with
    /// stride i and a subtraction with stride n + i, so the lower tail up to u costs O(m·u)
    /// time and O(u) memory: at most 8·(8·n/2) steps for the sizes that use it, where SciPy's
    /// recurrence costs O(u²).
    enum ExactDistribution {
        /// 2·P(U ≥ largerU), clipped to 1, with `largerU ≥ m·n/2`: by symmetry, twice the lower
        /// tail up to m·n − largerU. The tail is summed as SciPy sums it (each count divided by
        /// C(m+n, m), then a running sum), so counts below 2^53 give SciPy's bits.
        static func twoSidedPValue(largerU: Int, smallerCount m: Int, largerCount n: Int) -> Double {
            let tailEnd = m * n - largerU
            let counts = arrangementCounts(upTo: tailEnd, smallerCount: m, largerCount: n)
            let total = scipyBinomial(m + n, m)
            var lowerTail = 0.0
            for count in counts { lowerTail += count / total }
            return min(max(2 * lowerTail, 0), 1)
        }

        /// The number of arrangements with U = 0…maxU. Exact integers while C(m+n, m) < 2^53,
        /// since every intermediate value is a count no larger than that; rounded to the last
        /// bits beyond.
        static func arrangementCounts(upTo maxU: Int, smallerCount m: Int, largerCount n: Int) -> [Double] {
            var counts = [Double](repeating: 0, count: maxU + 1)
            counts[0] = 1
            for i in stride(from: 1, through: m, by: 1) {
                // Divide by (1 − q^i): every term stays a count.
                if i <= maxU {
                    for u in i...maxU { counts[u] += counts[u - i] }
                }
                // Multiply by (1 − q^(n+i)), from the top so each step reads old values.
                let shift = n + i
                if shift <= maxU {
                    for u in stride(from: maxU, through: shift, by: -1) { counts[u] -= counts[u - shift] }
                }
                // [n+i choose i]_q ends at degree i·n; clear what rounding may leave beyond.
                if i * n < maxU {
                    for u in (i * n + 1)...maxU { counts[u] = 0 }
                }
            }
            return counts
        }

        /// `scipy.special.binom(n, k)` for integers with k < 20, which is how SciPy normalises
        /// the counts: the multiplicative formula in floating point, rescaled past 1e50.
        static func scipyBinomial(_ n: Int, _ k: Int) -> Double {
            let k = k > n / 2 ? n - k : k
            var numerator = 1.0
            var denominator = 1.0
            for i in stride(from: 1, through: k, by: 1) {
                numerator *= Double(i) + Double(n) - Double(k)
                denominator *= Double(i)
                if abs(numerator) > 1e50 {
                    numerator /= denominator
                    denominator = 1
                }
            }
            return numerator / denominator
        }
    }
}
