import Testing

@testable import ReportModel

/// Capacity under latency objectives, the knee and goodput, against hand-computed values.
@Suite struct CapacityTests {
    static func run(_ rate: RequestRate, _ metrics: [String: Double]) -> BenchmarkResult {
        BenchmarkResult(
            file: "serving_m_qps_\(rate).json", kind: .serving, test: "serving_m_qps_\(rate)", series: "serving_m",
            model: "org/m", modelSource: .result, requestRate: rate,
            metrics: ["completed": 200, "failed": 0].merging(metrics) { $1 })
    }

    /// Rates 1, 4, 8, 16 with p99 TTFT 100, 150, 400, 900 ms, p99 TPOT 20, 25, 30, 60 ms, output
    /// 100, 400, 800, 820 tok/s, median E2EL 1000, 1050, 1100, 3000 ms.
    static let sweep = ServingSeries(
        name: "serving_m",
        results: [
            run(
                .perSecond(1),
                ["p99_ttft_ms": 100, "p99_tpot_ms": 20, "output_throughput": 100, "median_e2el_ms": 1000]),
            run(
                .perSecond(4),
                ["p99_ttft_ms": 150, "p99_tpot_ms": 25, "output_throughput": 400, "median_e2el_ms": 1050]),
            run(
                .perSecond(8),
                ["p99_ttft_ms": 400, "p99_tpot_ms": 30, "output_throughput": 800, "median_e2el_ms": 1100]),
            run(
                .perSecond(16),
                ["p99_ttft_ms": 900, "p99_tpot_ms": 60, "output_throughput": 820, "median_e2el_ms": 3000]
            ),
        ])

    /// TTFT ≤ 500 is crossed at 8 + (500 − 400)/(900 − 400) × (16 − 8) = 9.6 req/s; TPOT ≤ 50 at
    /// 8 + (50 − 30)/(60 − 30) × 8 = 13.33 req/s: TTFT limits.
    @Test func theFirstObjectiveCrossedIsInterpolatedBetweenTheRates() throws {
        let objectives = [
            ServiceObjective(metric: "p99_ttft_ms", limit: 500), ServiceObjective(metric: "p99_tpot_ms", limit: 50),
        ]
        let capacity = try #require(SweepCapacity(model: "org/m", series: Self.sweep, objectives: objectives))
        #expect(capacity.highestMeeting == .perSecond(8))
        #expect(capacity.firstMissing == .perSecond(16))
        let estimate = try #require(capacity.estimate)
        #expect(abs(estimate.rate - 9.6) < 1e-12)
        #expect(estimate.between == (.perSecond(8), .perSecond(16)))
        #expect(estimate.limitedBy.metric == "p99_ttft_ms")
        // TPOT alone: 13.333…
        let tpot = try #require(
            SweepCapacity(
                model: "org/m", series: Self.sweep, objectives: [ServiceObjective(metric: "p99_tpot_ms", limit: 50)]))
        #expect(abs(tpot.estimate!.rate - 40.0 / 3) < 1e-12)
    }

    @Test func peakAndKnee() throws {
        let capacity = try #require(SweepCapacity(model: "org/m", series: Self.sweep, objectives: []))
        #expect(capacity.peakOutput?.value == 820 && capacity.peakOutput?.rate == .perSecond(16))
        // 8 → 16: output +2.5% (< 10%) while median E2EL +173% (> 10%).
        #expect(capacity.knee == .perSecond(8))
        #expect(capacity.objectives.isEmpty && capacity.highestMeeting == nil)
    }

    @Test func everyRateWithinOrNone() throws {
        let loose = try #require(
            SweepCapacity(
                model: "org/m", series: Self.sweep, objectives: [ServiceObjective(metric: "p99_ttft_ms", limit: 5000)]))
        #expect(loose.firstMissing == nil && loose.highestMeeting == .perSecond(16) && loose.estimate == nil)
        let tight = try #require(
            SweepCapacity(
                model: "org/m", series: Self.sweep, objectives: [ServiceObjective(metric: "p99_ttft_ms", limit: 50)]))
        #expect(tight.firstMissing == .perSecond(1) && tight.highestMeeting == nil && tight.estimate == nil)
    }

    /// Crossing into `inf` has no rate to interpolate to: the last finite rate is the answer.
    @Test func theInfiniteRateIsNotInterpolated() throws {
        let series = ServingSeries(
            name: "s",
            results: [Self.run(.perSecond(4), ["p99_ttft_ms": 100]), Self.run(.infinite, ["p99_ttft_ms": 900])])
        let capacity = try #require(
            SweepCapacity(
                model: "org/m", series: series, objectives: [ServiceObjective(metric: "p99_ttft_ms", limit: 500)]))
        #expect(
            capacity.highestMeeting == .perSecond(4) && capacity.firstMissing == .infinite && capacity.estimate == nil)
    }

    /// vLLM writes 0 for every statistic of a run without a successful request: that run misses
    /// every objective, it does not meet them with zeros.
    @Test func aRunWithoutSuccessMissesEveryObjective() throws {
        let series = ServingSeries(
            name: "s",
            results: [
                Self.run(.perSecond(4), ["p99_ttft_ms": 100]),
                Self.run(.perSecond(8), ["p99_ttft_ms": 0, "completed": 0, "failed": 200]),
            ])
        let capacity = try #require(
            SweepCapacity(
                model: "org/m", series: series, objectives: [ServiceObjective(metric: "p99_ttft_ms", limit: 500)]))
        #expect(capacity.firstMissing == .perSecond(8) && capacity.highestMeeting == .perSecond(4))
    }

    @Test func objectivesWithoutTheirMetricAreNotJudged() throws {
        let capacity = try #require(
            SweepCapacity(
                model: "org/m", series: Self.sweep, objectives: [ServiceObjective(metric: "p99_itl_ms", limit: 10)]))
        #expect(capacity.objectives.isEmpty && capacity.unmeasured.map(\.metric) == ["p99_itl_ms"])
        #expect(capacity.highestMeeting == nil && capacity.firstMissing == nil)
    }

    /// Of 4 successful requests (one failed), TTFTs 0.1, 0.3, 0.6, 0.2 s and TPOTs 0.01, 0.02,
    /// NaN (one token), 0.09 s: within TTFT ≤ 500 ms and TPOT ≤ 50 ms are requests 0, 1 (3 has
    /// TPOT 90 ms, 2 has TTFT 600 ms), so 2 of 4 = 50%, goodput 0.5 × 3.9 req/s.
    @Test func goodputCountsRequestsMeetingEveryObjective() throws {
        var result = Self.run(.perSecond(4), ["p99_ttft_ms": 590, "p99_tpot_ms": 88, "request_throughput": 3.9])
        result.requests = RequestSamples(
            succeeded: [true, true, true, true, false], ttft: [0.1, 0.3, 0.6, 0.2, .nan],
            e2el: [1, 1, 1, 1, .nan], tpot: [0.01, 0.02, .nan, 0.09, .nan])
        let objectives = [
            ServiceObjective(metric: "p99_ttft_ms", limit: 500), ServiceObjective(metric: "p99_tpot_ms", limit: 50),
        ]
        let capacity = try #require(
            SweepCapacity(model: "org/m", series: ServingSeries(name: "s", results: [result]), objectives: objectives))
        #expect(capacity.points[0].shareWithinObjectives == 0.5)
        #expect(capacity.points[0].goodput == 0.5 * 3.9)
        // With the TPOT objective alone the one-token answer meets it: 3 of 4.
        let ttftOnly = try #require(
            SweepCapacity(
                model: "org/m", series: ServingSeries(name: "s", results: [result]),
                objectives: [ServiceObjective(metric: "p99_tpot_ms", limit: 50)]))
        #expect(ttftOnly.points[0].shareWithinObjectives == 0.75)
    }

    @Test func objectivesParse() {
        #expect(ServiceObjective(parsing: "p99_ttft_ms<=500") == ServiceObjective(metric: "p99_ttft_ms", limit: 500))
        #expect(ServiceObjective(parsing: "p99_ttft<=0.5s") == ServiceObjective(metric: "p99_ttft_ms", limit: 500))
        #expect(
            ServiceObjective(parsing: "median_tpot_ms = 40ms") == ServiceObjective(metric: "median_tpot_ms", limit: 40))
        #expect(ServiceObjective(parsing: "fast<=3") == nil)
        #expect(ServiceObjective(parsing: "p99_ttft_ms<=-1") == nil)
        #expect(ServiceObjective(parsing: "p99_ttft_ms") == nil)
        #expect(ServiceObjective.defaults.map(\.description) == ["p99 TTFT ≤ 2 s", "p99 TPOT ≤ 200 ms"])
    }
}
