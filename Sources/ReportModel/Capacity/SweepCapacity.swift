/// How much load one serving sweep takes within its latency objectives, where its throughput
/// peaks, and where the knee is: the answers a reader opens a report for.
///
/// - **Capacity**: going up the request rates, the highest rate below the first one that misses
///   an objective; between that rate and the first miss, the rate where the first objective is
///   crossed, interpolated linearly in the request rate (said as such, with the two rates and the
///   limiting objective).
/// - **Knee**: the last rate before output throughput grows by less than 10% while median E2EL
///   (or TTFT, without E2EL) grows by more than 10%: past it, more load buys latency, not work.
/// - **Goodput**: with per-request values, the share of successful requests that meet every
///   objective on their own (TTFT, TPOT and E2EL per request, as vLLM's `--goodput` counts), times
///   the request throughput; vLLM's own `request_goodput` is shown as it is.
public struct SweepCapacity: Sendable {
    /// One request rate of the sweep; replicate runs at a rate are averaged.
    public struct Point: Sendable {
        public var rate: RequestRate
        public var runs: [BenchmarkResult]
        /// The runs' mean of each metric they all have.
        public var metrics: [String: Double]
        /// The objectives this rate misses (a run without a successful request misses all).
        public var missed: [ServiceObjective]
        /// Of the successful requests, the share meeting every objective, when the runs carry
        /// per-request values.
        public var shareWithinObjectives: Double?
        /// Requests per second meeting every objective: the share times the request throughput.
        public var goodput: Double?
        /// `request_goodput` as vLLM wrote it (`--goodput`).
        public var vllmGoodput: Double?

        public var meetsObjectives: Bool { missed.isEmpty }
    }

    /// Where the first objective is crossed, between two measured rates.
    public struct Estimate: Sendable, Equatable {
        /// Requests per second, interpolated.
        public var rate: Double
        /// The last rate that met every objective and the first that did not.
        public var between: (RequestRate, RequestRate)
        /// The objective crossed first.
        public var limitedBy: ServiceObjective

        public static func == (lhs: Estimate, rhs: Estimate) -> Bool {
            lhs.rate == rhs.rate && lhs.between.0 == rhs.between.0 && lhs.between.1 == rhs.between.1
                && lhs.limitedBy == rhs.limitedBy
        }
    }

    public var model: String
    public var series: ServingSeries
    /// The objectives judged: those whose metric the sweep's files have.
    public var objectives: [ServiceObjective]
    /// Objectives asked for whose metric no file of the sweep has.
    public var unmeasured: [ServiceObjective]
    /// By rate, `inf` last.
    public var points: [Point]
    /// The highest measured rate below the first that misses an objective; nil when the lowest
    /// rate already misses one (or nothing could be judged).
    public var highestMeeting: RequestRate?
    /// The first measured rate that misses an objective; nil when every rate meets them all.
    public var firstMissing: RequestRate?
    /// The interpolated crossing, when both neighbours are finite rates.
    public var estimate: Estimate?
    /// The highest output throughput (tok/s) and the rate it was measured at.
    public var peakOutput: (value: Double, rate: RequestRate)?
    /// The knee, when the sweep shows one.
    public var knee: RequestRate?

    /// The capacity as one number, in req/s, to follow over runs: the interpolated crossing, else
    /// the highest finite rate meeting every objective (a lower bound when no rate missed); nil
    /// when the lowest rate already misses one, every rate up to `inf` meets them, or nothing
    /// could be judged.
    public var rateWithinObjectives: Double? {
        if let estimate { return estimate.rate }
        if case .perSecond(let rate)? = highestMeeting { return rate }
        return nil
    }

    /// The capacity of every serving sweep with request rates, in report order.
    public static func of(_ report: Report, objectives: [ServiceObjective]) -> [SweepCapacity] {
        report.models.flatMap { section in
            section.serving.compactMap { SweepCapacity(model: section.model, series: $0, objectives: objectives) }
        }
    }

    /// Nil when the sweep has no result with a request rate.
    public init?(model: String, series: ServingSeries, objectives: [ServiceObjective]) {
        let byRate = Dictionary(grouping: series.results.filter { $0.requestRate != nil }) { $0.requestRate! }
        guard !byRate.isEmpty else { return nil }
        self.model = model
        self.series = series
        let all = series.results
        let measured = objectives.filter { objective in all.contains { $0.metrics[objective.metric] != nil } }
        self.objectives = measured
        unmeasured = objectives.filter { !measured.contains($0) }
        // Objectives without a metric cannot be missed.
        points = byRate.keys.sorted().map { rate in Self.point(rate: rate, runs: byRate[rate]!, objectives: measured) }

        if !self.objectives.isEmpty {
            if let first = points.firstIndex(where: { !$0.meetsObjectives }) {
                firstMissing = points[first].rate
                if first > 0 {
                    highestMeeting = points[first - 1].rate
                    estimate = Self.crossing(from: points[first - 1], to: points[first])
                }
            } else {
                highestMeeting = points.last?.rate
            }
        }
        if let peak = points.compactMap({ point in point.metrics["output_throughput"].map { ($0, point.rate) } })
            .max(by: { $0.0 < $1.0 })
        {
            peakOutput = (peak.0, peak.1)
        }
        knee = Self.knee(points)
    }

    static func point(rate: RequestRate, runs: [BenchmarkResult], objectives: [ServiceObjective]) -> Point {
        var metrics: [String: Double] = [:]
        let keys = runs.dropFirst().reduce(Set(runs[0].metrics.keys)) { $0.intersection($1.metrics.keys) }
        for key in keys {
            metrics[key] = runs.map { $0.metrics[key]! }.reduce(0, +) / Double(runs.count)
        }
        let succeeded = runs.allSatisfy { ($0.metrics["completed"] ?? 1) > 0 }
        let missed = objectives.filter { objective in
            guard succeeded else { return true }
            guard let value = metrics[objective.metric] else { return false }
            return !(value <= objective.limit)
        }
        var point = Point(rate: rate, runs: runs, metrics: metrics, missed: missed)
        point.vllmGoodput = metrics["request_goodput"]
        if let share = Self.shareWithinObjectives(runs, objectives: objectives) {
            point.shareWithinObjectives = share
            point.goodput = metrics["request_throughput"].map { $0 * share }
        }
        return point
    }

    /// The share of successful requests, over all runs, that meet every objective on their own;
    /// nil unless every run keeps per-request values for the objectives' families.
    static func shareWithinObjectives(_ runs: [BenchmarkResult], objectives: [ServiceObjective]) -> Double? {
        let perRequest = objectives.filter { [.ttft, .tpot, .e2el].contains($0.parts.family) }
        guard !perRequest.isEmpty else { return nil }
        var good = 0
        var succeeded = 0
        for run in runs {
            guard let requests = run.requests else { return nil }
            var columns: [(ServiceObjective, [Double])] = []
            for objective in perRequest {
                let values: [Double]? =
                    switch objective.parts.family {
                    case .ttft: requests.ttft
                    case .tpot: requests.tpot
                    default: requests.e2el
                    }
                guard let values else { return nil }
                columns.append((objective, values))
            }
            for index in 0..<requests.count where requests.succeeded[index] {
                succeeded += 1
                // A one-token answer has no TPOT: nothing to miss.
                let meets = columns.allSatisfy { objective, values in
                    values[index].isNaN && objective.parts.family == .tpot
                        || objective.admits(requestSeconds: values[index])
                }
                if meets { good += 1 }
            }
        }
        return succeeded > 0 ? Double(good) / Double(succeeded) : nil
    }

    /// Where the first objective is crossed between the last rate that met them all and the
    /// first that did not, linearly in the rate; nil when either rate is `inf`.
    static func crossing(from low: Point, to high: Point) -> Estimate? {
        guard case .perSecond(let r0) = low.rate, case .perSecond(let r1) = high.rate, r1 > r0 else { return nil }
        var best: Estimate?
        for objective in high.missed {
            guard let v0 = low.metrics[objective.metric], let v1 = high.metrics[objective.metric], v1 > v0 else {
                continue
            }
            let rate = r0 + (objective.limit - v0) / (v1 - v0) * (r1 - r0)
            guard rate.isFinite else { continue }
            if best == nil || rate < best!.rate {
                best = Estimate(rate: rate, between: (low.rate, high.rate), limitedBy: objective)
            }
        }
        return best
    }

    /// The last rate before output throughput grows by less than 10% while latency grows by
    /// more than 10%.
    static func knee(_ points: [Point]) -> RequestRate? {
        let latencyKey = points.allSatisfy { $0.metrics["median_e2el_ms"] != nil } ? "median_e2el_ms" : "median_ttft_ms"
        for (low, high) in zip(points, points.dropFirst()) {
            guard let o0 = low.metrics["output_throughput"], let o1 = high.metrics["output_throughput"],
                let l0 = low.metrics[latencyKey], let l1 = high.metrics[latencyKey], o0 > 0, l0 > 0
            else { continue }
            if (o1 - o0) / o0 < 0.10 && (l1 - l0) / l0 > 0.10 { return low.rate }
        }
        return nil
    }
}
