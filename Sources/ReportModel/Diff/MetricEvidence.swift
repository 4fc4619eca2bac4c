#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a test says about one metric of one pair: how likely a change this large in each
/// direction would be if nothing had changed.
public struct MetricEvidence: Sendable, Equatable {
    /// The test, for people: `Wilcoxon signed-rank, paired`, `Harrell–Davis bootstrap`.
    public var method: String
    /// One-sided p-value of head being worse (slower, or lower throughput).
    public var pWorse: Double
    /// One-sided p-value of head being better.
    public var pBetter: Double
    /// The units tested per side: requests, iterations or runs.
    public var baseCount: Int
    public var headCount: Int
    /// What one unit is: `requests`, `iterations`, `runs`.
    public var unit: String
    /// The interval of the relative change, where the test gives one (a bootstrap).
    public var interval: ClosedRange<Double>?
}

/// Why a metric of a pair has no test: it is then judged by its size alone.
public enum MissingEvidence: Error, Sendable, Equatable, CustomStringConvertible {
    /// Neither replicates nor per-request samples stand behind the metric.
    case noSamples
    /// Samples exist but cannot be tested; the reason says why.
    case notTestable(String)

    public var description: String {
        switch self {
        case .noSamples: "no samples"
        case .notTestable(let reason): "not testable: \(reason)"
        }
    }
}

/// Chooses and runs the test behind one metric of one pair (see the statistics in `docs/`):
///
/// - replicate runs on a side: the runs are the unit (Welch's t-test, or a prediction interval
///   when one side has a single run);
/// - means and medians of TTFT, TPOT and E2EL: the request is the unit, paired (Wilcoxon
///   signed-rank on per-request log ratios) when both runs sent the same requests, else
///   Mann–Whitney U; of ITL, the same on each request's mean or median gap, never on pooled
///   gaps, which are correlated within a request;
/// - p90 and above of TTFT, TPOT, E2EL and latency: Harrell–Davis quantiles with a bootstrap;
///   of ITL: the share of gaps above the pooled percentile, with the request as the cluster.
enum MetricEvidenceTest {
    /// Resamples of the Harrell–Davis bootstrap; the seed is fixed, so output is deterministic.
    static let resamples = 2000

    static func evidence(
        for key: String, direction: MetricDirection, pair: ResultPair
    ) -> Result<MetricEvidence, MissingEvidence> {
        if pair.hasReplicates { return replicateEvidence(for: key, direction: direction, pair: pair) }
        guard let (series, statistic) = SampleStatistic.of(key) else { return .failure(.noSamples) }
        let oriented: (Double, Double, String, Int, Int, String, ClosedRange<Double>?) -> MetricEvidence = {
            greater, less, method, baseCount, headCount, unit, interval in
            let worse = direction == .lowerIsBetter
            return MetricEvidence(
                method: method, pWorse: worse ? greater : less, pBetter: worse ? less : greater, baseCount: baseCount,
                headCount: headCount, unit: unit, interval: interval)
        }
        do throws(NotTestable) {
            switch (series, statistic) {
            case (.itl, .percentile(let p)):
                return try itlTailEvidence(pair: pair, percentile: p).map {
                    oriented($0.pGreater, $0.pLess, $0.method, $0.baseCount, $0.headCount, "requests", nil)
                }
            case (_, .percentile(let p)):
                guard let base = values(series, of: pair.base), let head = values(series, of: pair.head) else {
                    return .failure(.noSamples)
                }
                let test = try HarrellDavis.compare(
                    base: base, head: head, quantile: p / 100, resamples: resamples, seed: SplitMix64.defaultSeed)
                return .success(
                    oriented(
                        test.pGreater, test.pLess, "Harrell–Davis bootstrap", base.count, head.count,
                        unit(series), test.interval))
            case (_, .mean), (_, .median):
                if let paired = pairedRatios(series, statistic, pair: pair) {
                    let test = try WilcoxonSignedRank.test(differences: paired)
                    return .success(
                        oriented(
                            test.pGreater, test.pLess, "Wilcoxon signed-rank, paired", test.count, test.count,
                            "request pairs", nil))
                }
                guard let base = perRequest(series, statistic, of: pair.base) ?? values(series, of: pair.base),
                    let head = perRequest(series, statistic, of: pair.head) ?? values(series, of: pair.head)
                else { return .failure(.noSamples) }
                if series == .itl
                    && (perRequest(series, statistic, of: pair.base) == nil
                        || perRequest(series, statistic, of: pair.head) == nil)
                {
                    // Pooled gaps are correlated within a request: a test on them is far too sure.
                    return .failure(.notTestable("no per-request gaps"))
                }
                let test = try MannWhitneyU.oneSided(base: base, head: head)
                return .success(
                    oriented(test.pGreater, test.pLess, "Mann–Whitney U", base.count, head.count, unit(series), nil))
            }
        } catch {
            return .failure(.notTestable(error.description))
        }
    }

    /// Runs as the unit: Welch's t-test on the runs' own values, or, with a single run on one
    /// side, whether it lies outside the other side's runs (a prediction interval).
    static func replicateEvidence(
        for key: String, direction: MetricDirection, pair: ResultPair
    ) -> Result<MetricEvidence, MissingEvidence> {
        let base = pair.baseRuns.compactMap { $0.metrics[key] }
        let head = pair.headRuns.compactMap { $0.metrics[key] }
        guard base.count == pair.baseRuns.count, head.count == pair.headRuns.count else {
            return .failure(.notTestable("not every run has \(key)"))
        }
        let test: WelchTest
        let method: String
        do throws(NotTestable) {
            if base.count > 1 && head.count > 1 {
                test = try WelchTest.test(base: base, head: head)
                method = "Welch t-test over runs"
            } else if base.count > 1 {
                test = try WelchTest.predictionTest(single: head[0], replicates: base)
                method = "prediction interval of \(base.count) base runs"
            } else {
                // Head's runs predict where base should lie: a base far below them is head worse.
                let reversed = try WelchTest.predictionTest(single: base[0], replicates: head)
                test = WelchTest(
                    t: -reversed.t, degreesOfFreedom: reversed.degreesOfFreedom, pGreater: reversed.pLess,
                    pLess: reversed.pGreater)
                method = "prediction interval of \(head.count) head runs"
            }
        } catch {
            return .failure(.notTestable(error.description))
        }
        let worse = direction == .lowerIsBetter
        return .success(
            MetricEvidence(
                method: method, pWorse: worse ? test.pGreater : test.pLess,
                pBetter: worse ? test.pLess : test.pGreater, baseCount: base.count, headCount: head.count,
                unit: "runs", interval: nil))
    }

    /// Per-request log ratios head/base, when both runs sent the same requests (equal input
    /// lengths, and equal output lengths for everything measured after the first token).
    static func pairedRatios(_ series: SampleSeries, _ statistic: ComparedStatistic, pair: ResultPair) -> [Double]? {
        guard let base = pair.base.requests, let head = pair.head.requests, base.count == head.count,
            let baseInputs = base.inputLengths, baseInputs == head.inputLengths
        else { return nil }
        if series != .ttft {
            guard let baseOutputs = base.outputLengths, baseOutputs == head.outputLengths else { return nil }
        }
        guard let b = requestValues(series, statistic, of: base), let h = requestValues(series, statistic, of: head)
        else { return nil }
        var ratios: [Double] = []
        ratios.reserveCapacity(b.count)
        for index in b.indices where b[index] > 0 && h[index] > 0 && b[index].isFinite && h[index].isFinite {
            ratios.append(log(h[index] / b[index]))
        }
        return ratios
    }

    /// The per-request values that stand for a statistic: each request's own value for TTFT,
    /// TPOT and E2EL, its mean or median gap for ITL.
    static func requestValues(
        _ series: SampleSeries, _ statistic: ComparedStatistic, of requests: RequestSamples
    ) -> [Double]? {
        switch series {
        case .ttft: requests.ttft
        case .tpot: requests.tpot
        case .e2el: requests.e2el
        case .itl: statistic == .median ? requests.itlMedian : requests.itlMean
        case .latency: nil
        }
    }

    /// The finite per-request values of a run, for an unpaired test.
    static func perRequest(_ series: SampleSeries, _ statistic: ComparedStatistic, of run: BenchmarkResult) -> [Double]?
    {
        guard let requests = run.requests, let values = requestValues(series, statistic, of: requests) else {
            return nil
        }
        let finite = values.filter(\.isFinite)
        return finite.isEmpty ? nil : finite
    }

    /// The run's samples of a series: per request in request order where kept, else the
    /// reader's sorted (possibly thinned) samples.
    static func values(_ series: SampleSeries, of run: BenchmarkResult) -> [Double]? {
        if series != .itl, series != .latency, let values = perRequest(series, .mean, of: run) { return values }
        guard let samples = run.samples[series], !samples.isEmpty else { return nil }
        return samples
    }

    static func unit(_ series: SampleSeries) -> String {
        switch series {
        case .latency: "iterations"
        case .itl: "gaps"
        default: "requests"
        }
    }

    /// p-th percentile of ITL: per request, the gaps above the pooled percentile of both runs.
    static func itlTailEvidence(
        pair: ResultPair, percentile p: Double
    ) throws(NotTestable) -> Result<
        (pGreater: Double, pLess: Double, method: String, baseCount: Int, headCount: Int), MissingEvidence
    > {
        if pair.base.samples[.itl] == nil || pair.head.samples[.itl] == nil { return .failure(.noSamples) }
        guard let base = pair.base.requests, let head = pair.head.requests,
            let baseTail = base.itlTail, let headTail = head.itlTail, let baseCounts = base.itlCount,
            let headCounts = head.itlCount, let baseGaps = pair.base.samples[.itl],
            let headGaps = pair.head.samples[.itl]
        else { return .failure(.notTestable("no per-request gaps")) }
        let cut = pooledPercentile(
            (baseGaps, pair.base.sampleCounts[.itl] ?? baseGaps.count),
            (headGaps, pair.head.sampleCounts[.itl] ?? headGaps.count), p)
        func clusters(_ tail: ITLTail, _ counts: [Int]) -> [ClusteredExceedance.Request]? {
            var clusters: [ClusteredExceedance.Request] = []
            for index in counts.indices where counts[index] > 0 {
                guard let above = tail.exceedances(of: index, above: cut) else { return nil }
                clusters.append(ClusteredExceedance.Request(exceeding: above, gaps: counts[index]))
            }
            return clusters
        }
        guard let b = clusters(baseTail, baseCounts), let h = clusters(headTail, headCounts) else {
            return .failure(.notTestable("the runs' gap counts differ more than ninefold"))
        }
        let test = try ClusteredExceedance.test(base: b, head: h)
        return .success(
            (
                test.pGreater, test.pLess, "gaps above the pooled p\(ComparedStatistic.shortText(p)), per request",
                b.count, h.count
            ))
    }

    /// The p-th percentile of two sorted sample sets pooled, each weighted by the number of
    /// values it stands for (a thinned set stands for more than it holds).
    static func pooledPercentile(_ a: ([Double], Int), _ b: ([Double], Int), _ p: Double) -> Double {
        let weightA = Double(a.1) / Double(a.0.count)
        let weightB = Double(b.1) / Double(b.0.count)
        let total = Double(a.1 + b.1)
        let target = total * p / 100
        var (i, j) = (0, 0)
        var cumulative = 0.0
        while i < a.0.count || j < b.0.count {
            let takeA = j >= b.0.count || (i < a.0.count && a.0[i] <= b.0[j])
            let value = takeA ? a.0[i] : b.0[j]
            cumulative += takeA ? weightA : weightB
            if takeA { i += 1 } else { j += 1 }
            if cumulative >= target { return value }
        }
        return max(a.0.last ?? 0, b.0.last ?? 0)
    }
}
