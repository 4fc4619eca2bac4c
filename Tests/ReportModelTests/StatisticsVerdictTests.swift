import Testing

@testable import ReportModel

/// The primitives of the diff verdict procedure (docs/diff.md) against SciPy 1.17
/// and NumPy 2.4. Each oracle's comment gives the Python that produced it; `spread`, `tied` and
/// `heavy` are `OracleSamples`' Python twins (StatisticsDescriptiveTests.swift), and
///
/// ```python
/// def noisy(n, shift):   # a sum of three uniforms: normal-ish log-ratios
///     u = lambda k: [((i * 7919 + k) % 10007) / 10007.0 for i in range(n)]
///     a, b, c = u(1), u(2), u(3)
///     return [((a[i] + b[i] + c[i]) - 1.5) * 0.1 + shift for i in range(n)]
/// ```
@Suite struct StatisticsVerdictTests {
    /// |actual − expected| ≤ tolerance·|expected|, or exactly equal (infinities, zeros).
    static func close(_ actual: Double, _ expected: Double, _ tolerance: Double = 1e-12) -> Bool {
        actual == expected || abs(actual - expected) <= tolerance * abs(expected)
    }

    /// `noisy(n, shift)` of the suite comment: IEEE arithmetic only, so the same doubles.
    static func noisy(_ count: Int, shift: Double) -> [Double] {
        (0..<count).map { (i: Int) -> Double in
            let a = OracleSamples.residue(i, 1, modulo: 10007) / 10007.0
            let b = OracleSamples.residue(i, 2, modulo: 10007) / 10007.0
            let c = OracleSamples.residue(i, 3, modulo: 10007) / 10007.0
            return ((a + b + c) - 1.5) * 0.1 + shift
        }
    }

    // MARK: - Inverse normal

    /// `float(scipy.special.ndtri(p))` for each p.
    @Test func inverseNormalMatchesNdtri() {
        let oracles: [(p: Double, quantile: Double)] = [
            (1e-300, -37.0470962993612), (1e-10, -6.361340902404056), (0.001, -3.090232306167813),
            (0.01, -2.3263478740408408), (0.3, -0.5244005127080409), (0.5, 0),
            (0.975, 1.959963984540054), (1 - 1e-12, 7.0344869100478356),
        ]
        for (p, expected) in oracles {
            let actual = NormalDistribution.quantile(p)
            #expect(Self.close(actual, expected, 1e-14), "p = \(p): \(actual)")
        }
        #expect(NormalDistribution.quantile(0) == -.infinity)
        #expect(NormalDistribution.quantile(1) == .infinity)
        #expect(NormalDistribution.quantile(-0.1).isNaN && NormalDistribution.quantile(.nan).isNaN)
        // Round trip through the distribution function.
        for p in [1e-20, 0.02, 0.6, 0.999] {
            #expect(Self.close(NormalDistribution.cumulative(NormalDistribution.quantile(p)), p, 1e-13))
        }
    }

    // MARK: - Wilcoxon signed-rank

    /// `r = scipy.stats.wilcoxon(d, alternative=alt, zero_method='wilcox', correction=True,
    /// method='approx')` for alt = 'greater' and 'less': `r.statistic`, `r.pvalue`.
    @Test func wilcoxonMatchesSciPy() throws {
        let oracles: [(name: String, d: [Double], n: Int, w: Double, greater: Double, less: Double)] = [
            // Ties and two zeros.
            (
                "ties", [0.1, -0.2, 0.1, 0, 0.3, -0.1, 0.2, 0.1, 0, 0.4, -0.3, 0.25], 10, 38.5,
                0.14036129054594493, 0.8812841545615997
            ),
            // Every magnitude tied.
            ("allTied", [0.5, 0.5, -0.5, 0.5, 0.5, 0.5, 0.5], 7, 24, 0.03630046972497864, 0.9763895479982114),
            // noisy(200, 0.01): a small upward shift.
            ("noisy200", Self.noisy(200, shift: 0.01), 200, 11507, 0.037769489542209496, 0.9623307479421285),
            // noisy(200, -0.004)
            ("noisy200down", Self.noisy(200, shift: -0.004), 200, 9661, 0.6826978436980251, 0.31773707648753624),
        ]
        for oracle in oracles {
            let test = try WilcoxonSignedRank.test(differences: oracle.d)
            #expect(test.count == oracle.n, "\(oracle.name)")
            #expect(test.positiveRankSum == oracle.w, "\(oracle.name)")
            #expect(Self.close(test.pGreater, oracle.greater, 1e-12), "\(oracle.name): \(test.pGreater)")
            #expect(Self.close(test.pLess, oracle.less, 1e-12), "\(oracle.name): \(test.pLess)")
        }
    }

    @Test func wilcoxonRejectsTooFewAndNonFinite() {
        #expect(throws: NotTestable.tooFewSamples(base: 5, head: 5, minimum: 6)) {
            try WilcoxonSignedRank.test(differences: [0.1, 0, 0, -0.2, 0.3, 0.1, 0.2])
        }
        #expect(throws: NotTestable.nonFiniteSamples(base: 2, head: 2)) {
            try WilcoxonSignedRank.test(differences: [0.1, .nan, 0.2, -0.3, .infinity, 0.1, 0.2, 0.4])
        }
    }

    // MARK: - Mann–Whitney one-sided

    /// `scipy.stats.mannwhitneyu(head, base, alternative=alt, method='asymptotic')` for alt =
    /// 'greater' and 'less': `statistic`, `pvalue`.
    @Test func mannWhitneyOneSidedMatchesSciPy() throws {
        typealias Samples = OracleSamples
        let oracles: [(name: String, base: [Double], head: [Double], u: Double, greater: Double, less: Double)] = [
            // spread(300, 9) vs spread(400, 10, shift=0.35)
            (
                "spread", Samples.spread(300, 9), Samples.spread(400, 10, shift: 0.35), 63943,
                0.06823556118781517, 0.9318141492191883
            ),
            // tied(500, 11) vs tied(700, 12, shift=0.1)
            (
                "ties", Samples.tied(500, 11), Samples.tied(700, 12, shift: 0.1), 179_032.5, 0.24784823992273697,
                0.7522052044243978
            ),
            ("smallTies", [1, 2, 2, 3, 5], [2, 3, 3, 4, 6, 7], 23, 0.08152252792711867, 0.9430484277057347),
            // spread(200, 14) vs spread(200, 15, shift=20.0)
            (
                "shift200", Samples.spread(200, 14), Samples.spread(200, 15, shift: 20.0), 40000,
                2.4154281951986995e-67, 1.0
            ),
        ]
        for oracle in oracles {
            let test = try MannWhitneyU.oneSided(base: oracle.base, head: oracle.head)
            #expect(test.headU == oracle.u, "\(oracle.name)")
            #expect(Self.close(test.pGreater, oracle.greater, 1e-9), "\(oracle.name): \(test.pGreater)")
            #expect(Self.close(test.pLess, oracle.less, 1e-9), "\(oracle.name): \(test.pLess)")
        }
        let constant = try MannWhitneyU.oneSided(base: [1, 1, 1], head: [1, 1])
        #expect(constant.pGreater == 0.5 && constant.pLess == 0.5)
        #expect(throws: NotTestable.tooFewSamples(base: 1, head: 3, minimum: 2)) {
            try MannWhitneyU.oneSided(base: [1], head: [1, 2, 3])
        }
    }

    // MARK: - Incomplete beta

    /// `float(scipy.special.betainc(a, b, x))`.
    @Test func incompleteBetaMatchesBetainc() {
        let a = 0.99 * 201
        let b = 0.01 * 201
        let oracles: [(a: Double, b: Double, x: Double, value: Double)] = [
            (a, b, 0.95, 0.0004122729775649405), (a, b, 0.98, 0.09046866059070534),
            (a, b, 0.99, 0.40759537907692184), (a, b, 0.995, 0.7385205570925546), (a, b, 0.999, 0.9829843217348857),
            (0.5, 0.5, 0.3, 0.36901011956554536), (0.1, 0.2, 0.7, 0.7163269829958612),
            (2.5, 0.5, 0.01, 3.4075027649461746e-06), (0.01, 3.0, 1e-5, 0.9046640856116698), (5, 5, 0.5, 0.5),
            (30, 40, 0.2, 8.14350065456995e-06),
        ]
        for oracle in oracles {
            let value = IncompleteBeta.regularized(oracle.x, a: oracle.a, b: oracle.b)
            #expect(Self.close(value, oracle.value, 1e-12), "I_\(oracle.x)(\(oracle.a), \(oracle.b)) = \(value)")
        }
        #expect(IncompleteBeta.regularized(0, a: 2, b: 3) == 0)
        #expect(IncompleteBeta.regularized(1, a: 2, b: 3) == 1)
    }

    // MARK: - Harrell–Davis

    /// `float(scipy.stats.mstats.hdquantiles(x, prob=[q])[0])` for q = 0.5, 0.9, 0.99.
    @Test func harrellDavisMatchesHdquantiles() throws {
        let oracles: [(name: String, x: [Double], values: [Double])] = [
            (
                "ten", [12.5, 3.25, 7.0, 9.75, 1.5, 20.0, 4.0, 15.25, 6.5, 11.0],
                [8.511028426140376, 17.71737701179608, 19.879095054187896]
            ),
            // heavy(200, 3)
            ("heavy200", OracleSamples.heavy(200, 3), [2.0359399291828826, 10.989414196060563, 177.18453972156135]),
            // heavy(1000, 5)
            ("heavy1000", OracleSamples.heavy(1000, 5), [2.008375765959741, 10.177183351819746, 115.2061794866945]),
            // spread(1000, 7)
            ("spread1000", OracleSamples.spread(1000, 7), [5.021243168676933, 9.01701053863433, 9.912511280505829]),
        ]
        for oracle in oracles {
            for (q, expected) in zip([0.5, 0.9, 0.99], oracle.values) {
                let value = try HarrellDavis.estimate(of: oracle.x, quantile: q)
                // Weights ≤ 1e-12 are dropped, so not bit for bit.
                #expect(Self.close(value, expected, 1e-10), "\(oracle.name) q = \(q): \(value)")
            }
        }
    }

    @Test func harrellDavisKeepsFewRanks() {
        let p99 = HarrellDavis(quantile: 0.99, count: 200)
        #expect(p99.ranks.upperBound == 200 && p99.ranks.count < 40, "\(p99.ranks)")
        #expect(abs(p99.weights.reduce(0, +) - 1) < 1e-10)
        let median = HarrellDavis(quantile: 0.5, count: 4096)
        #expect(median.ranks.count < 600, "\(median.ranks)")
        // Found outward from q·n: the same weights a full scan keeps.
        for (q, n) in [(0.99, 10), (0.01, 37), (0.5, 200), (0.9, 1000), (0.999, 3)] {
            let outward = HarrellDavis(quantile: q, count: n)
            let a = q * Double(n + 1)
            let b = (1 - q) * Double(n + 1)
            let scan = (0..<n).map { (i: Int) -> Double in
                IncompleteBeta.regularized(Double(i + 1) / Double(n), a: a, b: b)
                    - IncompleteBeta.regularized(Double(i) / Double(n), a: a, b: b)
            }
            let kept = scan.indices.filter { scan[$0] > HarrellDavis.keptWeight }
            #expect(outward.ranks == kept.first!..<(kept.last! + 1), "q = \(q), n = \(n)")
            #expect(outward.weights == kept.map { scan[$0] }, "q = \(q), n = \(n)")
        }
    }

    /// Uniform-like positive latencies, 10…110.
    static func latencies(_ count: Int, _ offset: Int) -> [Double] {
        OracleSamples.spread(count, offset, divisor: 100, shift: 10)
    }

    @Test func harrellDavisBootstrapIsDeterministic() throws {
        let base = Self.latencies(200, 1)
        let head = Self.latencies(200, 2)
        let first = try HarrellDavis.compare(base: base, head: head, quantile: 0.99, seed: 42)
        let again = try HarrellDavis.compare(base: base.reversed(), head: head, quantile: 0.99, seed: 42)
        let other = try HarrellDavis.compare(base: base, head: head, quantile: 0.99, seed: 43)
        #expect(first == again)
        #expect(first.interval != other.interval)
        #expect(first.resamples == 2000 && first.confidence == 0.99)
    }

    @Test func harrellDavisBootstrapSeesAScaledHead() throws {
        let base = Self.latencies(200, 1)
        let head = base.map { $0 * 1.3 }
        let shifted = try HarrellDavis.compare(base: base, head: head, quantile: 0.99)
        #expect(shifted.pGreater < 0.01 && shifted.pLess > 0.5, "\(shifted)")
        #expect(Self.close(shifted.relativeChange, 0.3, 1e-12))
        #expect(shifted.interval.contains(0.3), "\(shifted.interval)")
        #expect(Self.close(shifted.headEstimate, 1.3 * shifted.baseEstimate, 1e-12))

        let same = try HarrellDavis.compare(base: base, head: base, quantile: 0.99)
        #expect(same.pGreater > 0.3 && same.pLess > 0.3, "\(same)")
        #expect(same.relativeChange == 0 && same.interval.contains(0))

        let median = try HarrellDavis.compare(base: base, head: head, quantile: 0.5, resamples: 500)
        #expect(median.pGreater < 0.01 && median.interval.contains(0.3))
    }

    /// Not timed here, measured once with `ContinuousClock` in a debug build on a 2-core machine:
    /// n = 4,096 a side, B = 2,000, p99 (92 ranks kept): `compare` took 0.08–0.10 s, and this
    /// whole test, making and sorting the samples too, 0.14–0.19 s.
    @Test func harrellDavisBootstrapOnLargeSamples() throws {
        let comparison = try HarrellDavis.compare(
            base: OracleSamples.heavy(4096, 1), head: OracleSamples.heavy(4096, 2), quantile: 0.99)
        #expect(comparison.pGreater > 0.01 && comparison.pLess > 0.01, "\(comparison)")
        #expect(comparison.interval.contains(comparison.relativeChange))
    }

    @Test func harrellDavisRejectsBadInput() {
        #expect(throws: NotTestable.nonPositiveBase) {
            try HarrellDavis.compare(base: [0, 1, 2], head: [1, 2, 3], quantile: 0.5)
        }
        #expect(throws: NotTestable.tooFewSamples(base: 1, head: 3, minimum: 2)) {
            try HarrellDavis.compare(base: [1], head: [1, 2, 3], quantile: 0.5)
        }
        #expect(throws: NotTestable.nonFiniteSamples(base: 0, head: 1)) {
            try HarrellDavis.compare(base: [1, 2], head: [1, .nan], quantile: 0.5)
        }
        #expect(throws: NotTestable.tooFewSamples(base: 0, head: 0, minimum: 1)) {
            try HarrellDavis.estimate(of: [], quantile: 0.5)
        }
    }

    // MARK: - Welch and prediction tests

    /// `r = scipy.stats.ttest_ind(head, base, equal_var=False, alternative=alt)` for alt =
    /// 'greater' and 'less': `r.statistic`, `r.df`, `r.pvalue`.
    @Test func welchMatchesSciPy() throws {
        let oracles: [(base: [Double], head: [Double], t: Double, df: Double, greater: Double, less: Double)] = [
            (
                [100.0, 99.1, 100.8], [103.0, 101.5, 104.2], 3.1795692435316667, 3.3674194381474374,
                0.021343723041416306, 0.9786562769585837
            ),
            (
                [10.3, 10.9, 10.6], [10.0, 10.5, 9.7, 10.2, 10.1], -2.3063280200722214, 4.229775011967455,
                0.9606089073787368, 0.03939109262126317
            ),
            // Head constant: df is the base's n − 1.
            ([4.0, 4.5, 5.5, 6.0], [5.2, 5.2], 0.4381780460041333, 3.0, 0.3454450441818327, 0.6545549558181674),
        ]
        for oracle in oracles {
            let test = try WelchTest.test(base: oracle.base, head: oracle.head)
            #expect(Self.close(test.t, oracle.t, 1e-12), "t = \(test.t)")
            #expect(Self.close(test.degreesOfFreedom, oracle.df, 1e-12), "df = \(test.degreesOfFreedom)")
            #expect(Self.close(test.pGreater, oracle.greater, 1e-11), "p = \(test.pGreater)")
            #expect(Self.close(test.pLess, oracle.less, 1e-11), "p = \(test.pLess)")
        }
    }

    /// `r = np.array(replicates); k = len(r); t = (x - r.mean())/(r.std(ddof=1)*np.sqrt(1+1/k))`,
    /// then `scipy.stats.t.sf(t, k-1)` and `scipy.stats.t.cdf(t, k-1)`.
    @Test func predictionTestMatchesSciPy() throws {
        let oracles: [(single: Double, replicates: [Double], t: Double, greater: Double, less: Double)] = [
            (104.0, [100.0, 101.2, 99.5], 3.73362509257125, 0.03241868572418347, 0.9675813142758165),
            (98.0, [100.0, 101.2, 99.5, 100.4], -2.833163858215046, 0.9669913795507233, 0.0330086204492767),
            (100.5, [100.0, 101.0], 0, 0.5, 0.5),
        ]
        for oracle in oracles {
            let test = try WelchTest.predictionTest(single: oracle.single, replicates: oracle.replicates)
            #expect(Self.close(test.t, oracle.t, 1e-12), "t = \(test.t)")
            #expect(test.degreesOfFreedom == Double(oracle.replicates.count - 1))
            #expect(Self.close(test.pGreater, oracle.greater, 1e-11), "p = \(test.pGreater)")
            #expect(Self.close(test.pLess, oracle.less, 1e-11), "p = \(test.pLess)")
        }
    }

    @Test func welchWithoutSpreadFollowsItsRule() throws {
        let equal = try WelchTest.test(base: [3, 3, 3], head: [3, 3])
        #expect(equal == WelchTest(t: 0, degreesOfFreedom: 3, pGreater: 0.5, pLess: 0.5))
        let higher = try WelchTest.test(base: [3, 3, 3], head: [4, 4])
        #expect(higher == WelchTest(t: .infinity, degreesOfFreedom: 3, pGreater: 0, pLess: 1))
        let lower = try WelchTest.predictionTest(single: 2, replicates: [3, 3])
        #expect(lower == WelchTest(t: -.infinity, degreesOfFreedom: 1, pGreater: 1, pLess: 0))
        #expect(throws: NotTestable.tooFewSamples(base: 1, head: 1, minimum: 2)) {
            try WelchTest.predictionTest(single: 2, replicates: [3])
        }
        #expect(throws: NotTestable.nonFiniteSamples(base: 0, head: 1)) {
            try WelchTest.test(base: [1, 2], head: [1, .infinity])
        }
    }

    // MARK: - Fisher exact

    /// `scipy.stats.fisher_exact([[fH, tH-fH], [fB, tB-fB]], alternative=alt).pvalue` for alt =
    /// 'greater' and 'less'.
    @Test func fisherExactMatchesSciPy() throws {
        let oracles: [(fB: Int, tB: Int, fH: Int, tH: Int, greater: Double, less: Double)] = [
            (0, 200, 2, 200, 0.24937343358395989, 1.0),
            (0, 200, 20, 200, 5.7868683338233e-07, 1.0),
            (5, 1000, 9, 1000, 0.21114698523999695, 0.9109825156951419),
            (0, 3, 3, 3, 0.05000000000000001, 1.0),
            (9, 1000, 5, 1000, 0.9109825156951419, 0.21114698523999695),
            (40, 500, 12, 400, 0.9997167258287579, 0.0008607947146374239),
        ]
        for oracle in oracles {
            let test = try FisherExact.test(
                failedBase: oracle.fB, totalBase: oracle.tB, failedHead: oracle.fH, totalHead: oracle.tH)
            #expect(Self.close(test.pGreater, oracle.greater, 1e-10), "\(oracle): \(test.pGreater)")
            #expect(Self.close(test.pLess, oracle.less, 1e-10), "\(oracle): \(test.pLess)")
        }
        #expect(throws: NotTestable.tooFewSamples(base: 0, head: 5, minimum: 1)) {
            try FisherExact.test(failedBase: 0, totalBase: 0, failedHead: 1, totalHead: 5)
        }
    }

    // MARK: - Clustered exceedance

    /// By hand in NumPy, per side:
    /// `p = x.sum()/m.sum(); v = n/(n-1)*((x - p*m)**2).sum()/m.sum()**2`, then
    /// `z = (ph - pb)/np.sqrt(vh + vb)`, `scipy.stats.norm.sf(z)`, `scipy.stats.norm.cdf(z)`.
    @Test func clusteredExceedanceMatchesNumPy() throws {
        typealias Request = ClusteredExceedance.Request
        let base = zip([0, 1, 0, 2, 0, 0, 1, 0], [120, 80, 45, 200, 30, 150, 95, 60]).map(Request.init)
        let head = zip([1, 3, 0, 4, 0, 1, 2, 0], [118, 85, 40, 210, 33, 140, 90, 65]).map(Request.init)
        // A request without gaps is left out, also from n.
        let test = try ClusteredExceedance.test(base: base + [Request(exceeding: 0, gaps: 0)], head: head)
        #expect(Self.close(test.baseShare, 0.005128205128205128))
        #expect(Self.close(test.headShare, 0.014084507042253521))
        #expect(Self.close(test.z, 2.035186233564178), "z = \(test.z)")
        #expect(Self.close(test.pGreater, 0.020916068851294427, 1e-10))
        #expect(Self.close(test.pLess, 0.9790839311487056, 1e-10))
        let mirrored = try ClusteredExceedance.test(base: head, head: base)
        #expect(mirrored.z == -test.z && mirrored.pLess == test.pGreater)
    }

    @Test func clusteredExceedanceWithoutVarianceFollowsItsRule() throws {
        typealias Request = ClusteredExceedance.Request
        let none = [Request(exceeding: 0, gaps: 50), Request(exceeding: 0, gaps: 70)]
        let equal = try ClusteredExceedance.test(base: none, head: none)
        #expect(equal.z == 0 && equal.pGreater == 0.5 && equal.pLess == 0.5)
        // Every request has the same share, so neither side varies.
        let all = [Request(exceeding: 50, gaps: 50), Request(exceeding: 70, gaps: 70)]
        let higher = try ClusteredExceedance.test(base: none, head: all)
        #expect(higher.z == .infinity && higher.pGreater == 0 && higher.pLess == 1)
        #expect(throws: NotTestable.tooFewSamples(base: 1, head: 2, minimum: 2)) {
            try ClusteredExceedance.test(
                base: [Request(exceeding: 0, gaps: 5), Request(exceeding: 0, gaps: 0)], head: none)
        }
    }

    // MARK: - Stouffer

    /// `scipy.stats.combine_pvalues(ps, method='stouffer').statistic`.
    @Test func stoufferMatchesSciPy() throws {
        let oracles: [(ps: [Double], z: Double)] = [
            ([0.01, 0.2, 0.03, 0.5], 2.524381357882503), ([0.9, 0.7, 0.99], -2.3857844898289198),
            ([1e-300, 0.5], 26.196253016549353), ([0.04], 1.75068607125217),
        ]
        for oracle in oracles {
            let z = try Stouffer.combine(oracle.ps)
            #expect(Self.close(z, oracle.z, 1e-13), "\(oracle.ps): \(z)")
        }
        // 0 and 1 stay finite.
        let extremes = try Stouffer.combine([0, 1])
        #expect(extremes.isFinite && extremes > 0)
        #expect(throws: NotTestable.tooFewSamples(base: 0, head: 0, minimum: 1)) { try Stouffer.combine([]) }
        #expect(throws: NotTestable.nonFiniteSamples(base: 1, head: 1)) { try Stouffer.combine([0.5, .nan]) }
    }
}
