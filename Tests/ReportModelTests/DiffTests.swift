import Foundation
import Testing

@testable import ReportModel

/// The diff's verdict rules, one test per rule; the statistics themselves are checked against
/// SciPy in `StatisticsVerdictTests`.
@Suite struct DiffTests {
    static func serving(
        test: String = "serving_m_tp1_qps_4", model: String = "org/m", rate: RequestRate = .perSecond(4),
        metrics: [String: Double] = [:], metadata: [String: String] = [:], file: String? = nil, line: Int? = nil
    ) -> BenchmarkResult {
        let values: [String: Double] = [
            "num_prompts": 200, "completed": 200, "failed": 0, "request_throughput": 3.9, "output_throughput": 850,
        ]
        return BenchmarkResult(
            file: file ?? test + ".json", line: line, kind: .serving, test: test, series: "serving_m_tp1",
            model: model, modelSource: .result, requestRate: rate, metrics: values.merging(metrics) { $1 },
            metadata: metadata)
    }

    static func diff(_ base: [BenchmarkResult], _ head: [BenchmarkResult], options: DiffOptions = DiffOptions())
        -> ResultDiff
    {
        ResultDiff(
            base: ResultFolder(path: "base", results: base), head: ResultFolder(path: "head", results: head),
            options: options)
    }

    static func row(_ diff: ResultDiff, _ metric: String, rate: String? = nil) throws -> MetricChange {
        try #require(
            diff.changes.first { $0.metric == metric && (rate == nil || $0.pair.base.requestRate?.description == rate) }
        )
    }

    // MARK: - Tests with the request as the unit

    @Test func sameRequestsArePairedAndAWholeShiftFailsCI() throws {
        let base = DiffFixture.sweep { ServingRun.draw(noiseSeed: 10 + $0) }
        let head = DiffFixture.sweep { ServingRun.draw(noiseSeed: 20 + $0, ttftScale: 1.25) }
        let diff = try DiffFixture.diff(base: base, head: head)
        let median = try Self.row(diff, "median_ttft_ms", rate: "16")
        #expect(median.evidence?.method == "Wilcoxon signed-rank, paired", "\(median.method)")
        #expect(median.verdict == .regression, "\(median.method)")
        let sweep = diff.sweeps[try #require(median.sweep)]
        #expect(sweep.verdict == .regression && sweep.rows.count == 4 && sweep.testedRates == 4)
        #expect(diff.failsCI && diff.exitStatus == 1)
        // TPOT did not move: unchanged, and tested on the request pairs too.
        let tpot = try Self.row(diff, "median_tpot_ms", rate: "16")
        #expect(tpot.verdict == .unchanged && tpot.evidence?.method == "Wilcoxon signed-rank, paired")
    }

    @Test func differentOutputLengthsAreTestedUnpaired() throws {
        var head = ServingRun.draw(noiseSeed: 20)
        head.outputLengths[0] += 1
        head.itls[0].append(0.008)
        let diff = try DiffFixture.diff(
            base: ["serving_m_qps_4.json": ServingRun.draw(noiseSeed: 10).json],
            head: ["serving_m_qps_4.json": head.json])
        #expect(try Self.row(diff, "median_ttft_ms").evidence?.method == "Wilcoxon signed-rank, paired")
        #expect(try Self.row(diff, "median_tpot_ms").evidence?.method == "Mann–Whitney U")
        #expect(try Self.row(diff, "mean_itl_ms").evidence?.method == "Mann–Whitney U")
    }

    @Test func itlIsTestedPerRequestAndItsTailByExceedances() throws {
        let base = ServingRun.draw(noiseSeed: 10)
        let head = ServingRun.draw(noiseSeed: 20)
        let diff = try DiffFixture.diff(
            base: ["serving_m_qps_4.json": base.json], head: ["serving_m_qps_4.json": head.json])
        let mean = try Self.row(diff, "mean_itl_ms")
        // One unit per request pair, never one per pooled gap.
        #expect(mean.evidence?.baseCount == 200 && mean.evidence?.unit == "request pairs")
        let tail = try Self.row(diff, "p99_itl_ms")
        #expect(tail.evidence?.method == "gaps above the pooled p99, per request")
        #expect(tail.evidence?.baseCount == 200)
        #expect(tail.threshold == 10)
    }

    /// The pooled cut weighs each side by the values it stands for.
    @Test func pooledPercentileWeighsThinnedSides() {
        let a = ([1.0, 2, 3, 4], 4)
        let b = ([10.0, 20], 200)  // two values that stand for 200
        #expect(MetricEvidenceTest.pooledPercentile(a, b, 50) == 10)
        #expect(MetricEvidenceTest.pooledPercentile(a, ([10.0, 20], 2), 50) == 3)
    }

    /// Six null sweeps (24 rates × 12 latency metrics): the gate may fire on at most one; the
    /// benchmark's simulation measures the rate on hundreds (see `Benchmarks/verdicts`). Seed 4
    /// draws a p99 TTFT 26% higher at one rate by chance, which the bootstrap calls p = 0.002.
    @Test func pureNoiseRarelyFailsCI() throws {
        var failing = 0
        for seed in UInt64(0)..<6 {
            let base = DiffFixture.sweep { ServingRun.draw(workloadSeed: seed, noiseSeed: 100 + 10 * seed + $0) }
            let head = DiffFixture.sweep { ServingRun.draw(workloadSeed: seed, noiseSeed: 200 + 10 * seed + $0) }
            if try DiffFixture.diff(base: base, head: head).failsCI { failing += 1 }
        }
        #expect(failing <= 1)
    }

    /// Per-request arrays with NaN, infinities, negative and empty entries cost a test, never
    /// the diff: the rows say why they were not tested.
    @Test func hostileRequestArraysAreNotTestedButNeverCrash() throws {
        var broken = ServingRun.draw(noiseSeed: 20)
        broken.itls[3] = []
        broken.ttfts[5] = -1
        var text = broken.json
        // The first value of each array becomes NaN, its second Infinity: lengths stay equal.
        for key in ["\"ttfts\":[", "\"itls\":[[", "\"latencies\":["] {
            let start = try #require(text.range(of: key)).upperBound
            let firstEnd = try #require(text[start...].firstIndex(of: ","))
            let secondEnd = try #require(
                text[text.index(after: firstEnd)...].firstIndex(where: { $0 == "," || $0 == "]" }))
            text.replaceSubrange(start..<secondEnd, with: "NaN,Infinity")
        }
        let diff = try DiffFixture.diff(
            base: ["serving_m_qps_4.json": ServingRun.draw(noiseSeed: 10).json], head: ["serving_m_qps_4.json": text])
        #expect(diff.pairing.pairs.count == 1)
        #expect(diff.pairing.pairs[0].head.requests != nil)
        #expect(!diff.changes.isEmpty)
        // Paired tests skip the broken requests; the rest are still tested.
        let median = try Self.row(diff, "median_ttft_ms")
        #expect(median.evidence?.method == "Wilcoxon signed-rank, paired", "\(median.method)")
        #expect((median.evidence?.baseCount ?? 0) < 200)
        for row in diff.changes { #expect(!row.method.isEmpty) }
    }

    // MARK: - The sweep rule and the gate, against hand-computed values

    /// A row with a made-up test result, for the rule alone.
    static func judged(_ changes: [(rate: Double, percent: Double, pWorse: Double?)], threshold: Double = 5)
        -> ([MetricChange], [SweepFinding])
    {
        var rows = changes.map { change in
            let pair = ResultPair(
                base: serving(rate: .perSecond(change.rate)), head: serving(rate: .perSecond(change.rate)))
            return MetricChange(
                pair: pair, metric: "median_ttft_ms", base: 100, head: 100 + change.percent,
                changePercent: change.percent, direction: .lowerIsBetter, verdict: .unchanged, threshold: threshold,
                evidence: change.pWorse.map {
                    MetricEvidence(
                        method: "test", pWorse: $0, pBetter: 1 - $0, baseCount: 200, headCount: 200, unit: "requests")
                }, missingEvidence: change.pWorse == nil ? .noSamples : nil, sweep: nil, failsCI: false, method: "")
        }
        let sweeps = SweepJudgement.judge(&rows, options: DiffOptions(thresholdPercent: threshold))
        return (rows, sweeps)
    }

    /// Four rates at +6%, each p = 0.05: none alone is strong, but together
    /// Z = 4 × Φ⁻¹(0.95) / √4 = 2 × 1.6449 = 3.290 > 2.326 (scipy.stats.norm.ppf(0.95) = 1.6448536).
    @Test func aSmallConsistentShiftIsASweepRegression() {
        let (rows, sweeps) = Self.judged([(1, 6, 0.05), (4, 6, 0.05), (16, 6, 0.05), (32, 6, 0.05)])
        #expect(abs(sweeps[0].zWorse! - 3.289_707) < 1e-5)
        #expect(sweeps[0].meanWorsening == 6)
        #expect(sweeps[0].verdict == .regression)
        // Rows of a sweep regression are regressions only where p < α: here none is.
        #expect(rows.allSatisfy { $0.verdict == .noise && !$0.failsCI })
    }

    /// One rate at +12% with p = 0.004 and three at 0%, p = 0.5: mean 3% is within 5%, and the
    /// rate is not beyond 2T = 10%... it is (12 > 10) but p = 0.004 is not below α/R = 0.0025.
    @Test func oneModerateRateIsNoise() {
        let (rows, sweeps) = Self.judged([(1, 0, 0.5), (4, 0, 0.5), (16, 12, 0.004), (32, 0, 0.5)])
        #expect(sweeps[0].verdict == .unchanged)
        #expect(rows[2].verdict == .noise && !rows[2].failsCI)
    }

    /// The same rate with p = 0.002 < 0.0025 is a strong single rate and fails CI alone.
    @Test func oneStrongRateFailsCI() {
        let (rows, _) = Self.judged([(1, 0, 0.5), (4, 0, 0.5), (16, 12, 0.002), (32, 0, 0.5)])
        #expect(rows[2].verdict == .regression && rows[2].failsCI)
    }

    /// Mean +7.5% over rates but Z = (Φ⁻¹(0.9) × 2 + 0 + 0)/2 = 1.2816 < 2.326: noise.
    @Test func aLargeButUnsupportedMeanIsNoise() {
        let (_, sweeps) = Self.judged([(1, 15, 0.1), (4, 15, 0.1), (16, 0, 0.5), (32, 0, 0.5)])
        #expect(abs(sweeps[0].zWorse! - 1.281_552) < 1e-5)
        #expect(sweeps[0].verdict == .noise)
    }

    @Test func changesWithoutSamplesAreUnconfirmedUpToTheLimit() throws {
        let (rows, sweeps) = Self.judged([(1, 12, nil), (4, 25, nil), (16, 3, nil)])
        #expect(rows.map(\.verdict) == [.unconfirmed, .regression, .unchanged])
        #expect(rows[1].failsCI && !rows[0].failsCI)
        #expect(sweeps[0].verdict == .unconfirmed)
        let diff = Self.diff(
            [Self.serving(metrics: ["output_throughput": 1000])], [Self.serving(metrics: ["output_throughput": 900])])
        let row = try Self.row(diff, "output_throughput")
        #expect(row.verdict == .unconfirmed && row.direction == .higherIsBetter && row.changePercent == -10)
        #expect(!diff.failsCI && diff.exitStatus == 0)
        let strict = Self.diff(
            [Self.serving(metrics: ["output_throughput": 1000])], [Self.serving(metrics: ["output_throughput": 900])],
            options: DiffOptions(failUnconfirmedPercent: 8))
        #expect(try Self.row(strict, "output_throughput").verdict == .regression && strict.exitStatus == 1)
    }

    @Test func thresholdsPerMetricAndForTails() {
        let options = DiffOptions(thresholdPercent: 5, metricThresholds: ["request_throughput": 10])
        #expect(options.threshold(for: "request_throughput") == 10)
        #expect(options.threshold(for: "median_ttft_ms") == 5)
        #expect(options.threshold(for: "p99_ttft_ms") == 10)
        #expect(options.threshold(for: "p90_itl_ms") == 10)
        #expect(options.threshold(for: "p75_ttft_ms") == 5)
        #expect(options.threshold(for: "p99_latency") == 10)
        #expect(DiffOptions(thresholdPercent: 7.5).threshold(for: "p99_tpot_ms") == 15)
    }

    // MARK: - Replicates and failures

    @Test func repeatedRunsAreReplicatesTestedWithWelch() throws {
        let base = (1...3).map { Self.serving(metrics: ["output_throughput": [1000, 1010, 990][$0 - 1]], line: $0) }
        let head = (1...3).map { Self.serving(metrics: ["output_throughput": [900, 905, 895][$0 - 1]], line: $0) }
        let diff = Self.diff(base, head)
        #expect(diff.pairing.pairs.count == 1 && diff.pairing.pairs[0].baseRuns.count == 3)
        let row = try Self.row(diff, "output_throughput")
        #expect(row.evidence?.method == "Welch t-test over runs")
        #expect(row.base == 1000 && abs(row.head - 900) < 1e-9)
        // scipy.stats.ttest_ind([900,905,895], [1000,1010,990], equal_var=False, alternative='less').pvalue
        #expect(abs(row.evidence!.pWorse - 3.257_267_1e-4) / 3.257_267_1e-4 < 1e-6, "\(row.evidence!.pWorse)")
        #expect(row.verdict == .regression && diff.failsCI)
    }

    @Test func failedRequestsAreAMetricNotAReasonToSkip() throws {
        let many = Self.diff(
            [Self.serving()], [Self.serving(metrics: ["failed": 20, "completed": 180])])
        let failures = try Self.row(many, "failed")
        // scipy.stats.fisher_exact([[20, 180], [0, 200]], alternative='greater').pvalue = 5.7868683e-7
        #expect(abs(failures.evidence!.pWorse - 5.786_868_3e-7) / 5.786_868_3e-7 < 1e-6)
        #expect(failures.verdict == .regression && failures.failsCI, "\(failures.method)")
        #expect(many.incomparable.isEmpty)
        #expect(try Self.row(many, "output_throughput").verdict == .unchanged)
        let few = Self.diff([Self.serving()], [Self.serving(metrics: ["failed": 2, "completed": 198])])
        // scipy.stats.fisher_exact([[2, 198], [0, 200]], alternative='greater').pvalue = 0.24937343
        let twoFailed = try Self.row(few, "failed")
        #expect(abs(twoFailed.evidence!.pWorse - 0.249_373_43) < 1e-7)
        #expect(twoFailed.verdict == .noise && !few.failsCI)
    }

    // MARK: - Comparability and pairing

    @Test func differentRequestsAreIncomparable() throws {
        let base = ServingRun.draw(workloadSeed: 1, noiseSeed: 10)
        let head = ServingRun.draw(workloadSeed: 2, noiseSeed: 20)
        let diff = try DiffFixture.diff(
            base: ["serving_m_qps_4.json": base.json], head: ["serving_m_qps_4.json": head.json])
        #expect(diff.incomparable.count == 1)
        #expect(diff.incomparable[0].reasons[0].hasPrefix("the requests differ:"))
        #expect(diff.comparedNothing && diff.exitStatus == 2)
    }

    @Test func differentTotalInputTokensWithoutFailuresAreIncomparable() {
        let pair = ResultPair(
            base: Self.serving(metrics: ["total_input_tokens": 1000]),
            head: Self.serving(metrics: ["total_input_tokens": 1010]))
        #expect(
            pair.incomparableReasons().first?.hasPrefix("the requests differ: total input tokens 1000 → 1010") == true)
        let withFailures = ResultPair(
            base: Self.serving(metrics: ["total_input_tokens": 1000]),
            head: Self.serving(metrics: ["total_input_tokens": 990, "failed": 1, "completed": 199]))
        #expect(withFailures.incomparableReasons().isEmpty)
    }

    @Test func workloadDifferencesAreIncomparableButTheSystemIsJudged() throws {
        var other = Self.serving(metrics: ["num_prompts": 500])
        other.tensorParallelSize = 2
        other.hardware = "8xH100"
        #expect(
            ResultPair(base: Self.serving(), head: other).incomparableReasons() == [
                "number of prompts differs: 200 → 500"
            ])
        let percentiles = ResultPair(
            base: Self.serving(metrics: ["p99_ttft_ms": 1]),
            head: Self.serving(metrics: ["p90_ttft_ms": 1, "p99_ttft_ms": 1])
        ).incomparableReasons()
        #expect(percentiles == ["percentiles differs: p99 → p90,p99"])

        var head = Self.serving()
        head.hardware = "8xH200"
        let diff = Self.diff([Self.serving()], [head])
        #expect(diff.systemDifferences == [SystemDifference(property: "hardware", base: nil, head: "8xH200")])
        #expect(!diff.comparedNothing)
        let same = Self.diff([Self.serving()], [head], options: DiffOptions(sameKeys: ["hardware"]))
        #expect(same.comparedNothing && same.exitStatus == 2)
    }

    @Test func nothingComparedNeverPasses() {
        var other = Self.serving(test: "serving_other_qps_4", model: "b")
        other.series = "serving_other"
        let diff = Self.diff([Self.serving(model: "a")], [other])
        // Neither the model nor the series matches, so nothing pairs.
        #expect(diff.pairing.pairs.isEmpty)
        #expect(diff.comparedNothing && diff.exitStatus == 2)
    }

    @Test func appendedRecordsPairByConfigurationInAnyOrder() throws {
        let rates: [RequestRate] = [.perSecond(1), .perSecond(4), .infinite]
        let base = rates.enumerated().map { index, rate in
            Self.serving(
                test: "bench", rate: rate, metrics: ["output_throughput": 100 * Double(index + 1)], file: "bench.jsonl",
                line: index + 1)
        }
        let head = rates.reversed().enumerated().map { index, rate in
            Self.serving(
                test: "bench", rate: rate, metrics: ["output_throughput": 100 * Double(3 - index)],
                file: "bench.jsonl", line: index + 1)
        }
        let diff = Self.diff(base, head)
        #expect(diff.pairing.pairs.count == 3)
        for pair in diff.pairing.pairs {
            #expect(pair.base.requestRate == pair.head.requestRate)
            #expect(pair.base.metrics["output_throughput"] == pair.head.metrics["output_throughput"])
        }
        #expect(diff.changes.allSatisfy { $0.verdict == .unchanged })
    }

    @Test func metadataVariantsAreSeparateSeries() throws {
        let base = ["vllm", "sgl"].enumerated().map { index, framework in
            Self.serving(
                test: "bench", metrics: ["output_throughput": index == 0 ? 1000 : 700],
                metadata: ["framework": framework, "date": "d\(index)"], file: "bench.jsonl", line: index + 1)
        }
        let head = ["sgl", "vllm"].enumerated().map { index, framework in
            Self.serving(
                test: "bench", metrics: ["output_throughput": index == 0 ? 700 : 1000],
                metadata: ["framework": framework, "date": "e\(index)"], file: "bench.jsonl", line: index + 1)
        }
        let diff = Self.diff(base, head)
        #expect(diff.pairing.pairs.count == 2)
        #expect(Set(diff.pairing.pairs.map { $0.labels["framework"] ?? "" }) == ["vllm", "sgl"])
        #expect(diff.pairing.pairs.allSatisfy { !$0.hasReplicates })
        #expect(diff.changes.allSatisfy { $0.verdict == .unchanged })
        #expect(diff.sweeps.count(where: { $0.metric == "output_throughput" }) == 2)
    }

    @Test func renamedTestsAndChangedModelsStillPair() throws {
        let base = [
            Self.serving(test: "serving_m_tp1_qps_1", rate: .perSecond(1)),
            Self.serving(test: "serving_old_name_qps_16", rate: .perSecond(16)),
        ]
        let head = [
            Self.serving(test: "serving_new_name_qps_16", rate: .perSecond(16)),
            Self.serving(test: "serving_m_tp1_qps_32", rate: .perSecond(32)),
        ]
        let diff = Self.diff(base, head)
        #expect(diff.pairing.removed.map(\.test) == ["serving_m_tp1_qps_1"])
        #expect(diff.pairing.added.map(\.test) == ["serving_m_tp1_qps_32"])
        #expect(diff.pairing.pairs.map(\.head.test) == ["serving_new_name_qps_16"])

        let modelChanged = Self.diff([Self.serving(model: "org/a")], [Self.serving(model: "org/b")])
        #expect(modelChanged.pairing.pairs.count == 1)
        #expect(modelChanged.systemDifferences == [SystemDifference(property: "model", base: "org/a", head: "org/b")])
    }

    @Test func standardDeviationsAndDuplicateMediansAreNotJudged() {
        let base = Self.serving(metrics: ["std_ttft_ms": 1, "median_ttft_ms": 10, "p50_ttft_ms": 10, "rtfx": 0])
        let head = Self.serving(metrics: ["std_ttft_ms": 2, "median_ttft_ms": 10, "p50_ttft_ms": 10, "rtfx": 0])
        let metrics = Self.diff([base], [head]).changes.map(\.metric)
        #expect(metrics == ["request_throughput", "output_throughput", "median_ttft_ms"])
    }

    @Test func pValuesPrintReadably() {
        #expect(formatPValue(0.0123) == "p = 0.012")
        #expect(formatPValue(0.00034) == "p = 3.4e-4")
        #expect(formatPValue(0.000999) == "p = 1e-3")
        #expect(formatPValue(1e-9) == "p < 1e-6")
    }
}

/// The diff on the real result folders beside the project, when they are there.
@Suite struct DiffCorpusTests {
    /// Every real folder against itself: every result pairs with itself (none added, removed
    /// or incomparable), nothing changes, and the gate passes.
    @Test(.enabled(if: SharedCorpus.path != nil, "../shared/corpus/real is not here"))
    func eachRealFolderAgainstItselfPairsEverythingAndPasses() throws {
        let root = try #require(SharedCorpus.path)
        let folders = try FileManager.default.contentsOfDirectory(atPath: root).sorted()
        #expect(!folders.isEmpty)
        for name in folders {
            let folder = try FolderReader.read(root + "/" + name, keepsRequests: true)
            let diff = ResultDiff(base: folder, head: folder)
            #expect(diff.pairing.added.isEmpty && diff.pairing.removed.isEmpty, "\(name)")
            #expect(diff.incomparable.isEmpty, "\(name)")
            let runs = diff.pairing.pairs.map { $0.baseRuns.count }.reduce(0, +)
            #expect(runs == folder.results.count, "\(name): \(runs) of \(folder.results.count) results paired")
            #expect(diff.changes.allSatisfy { $0.verdict == .unchanged }, "\(name)")
            #expect(diff.exitStatus == 0, "\(name)")
        }
    }
}
