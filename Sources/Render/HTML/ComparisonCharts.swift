import ReportModel

/// Which model or setup is better: where several serving sweeps share a workload (the same
/// request rates, prompts and dataset), output throughput and p99 TTFT by rate with one line per
/// sweep, at the top of the page.
struct ComparisonCharts {
    var report: Report

    /// The most lines one chart draws: the palette has eight colours.
    static let maximumLines = 8

    /// Sweeps that share a workload, in report order; only groups of two or more.
    var workloads: [[(model: ModelSection, series: ServingSeries)]] {
        var order: [String] = []
        var groups: [String: [(ModelSection, ServingSeries)]] = [:]
        for section in report.models {
            for series in section.serving {
                let rates = Set(series.results.compactMap(\.requestRate)).sorted()
                guard rates.count > 1, let first = series.results.first else { continue }
                let key = [
                    rates.map(\.description).joined(separator: ","),
                    first.metrics["num_prompts"].map(formatShortest) ?? "-", first.dataset ?? "-",
                ].joined(separator: "|")
                if groups[key] == nil { order.append(key) }
                groups[key, default: []].append((section, series))
            }
        }
        return order.compactMap { groups[$0]!.count > 1 ? groups[$0]! : nil }
    }

    func figures() -> [HTMLReport.FigureView] {
        workloads.enumerated().flatMap { index, sweeps in figures(Array(sweeps.prefix(Self.maximumLines)), index) }
    }

    private func figures(_ sweeps: [(model: ModelSection, series: ServingSeries)], _ index: Int)
        -> [HTMLReport.FigureView]
    {
        guard let sweep = Sweep(sweeps.flatMap(\.series.results)) else { return [] }
        let severalModels = Set(sweeps.map(\.model.model)).count > 1
        let maker = FigureMaker(modelName: severalModels ? "models compared" : sweeps[0].model.displayName)
        func lines(_ key: String) -> [RateLine] {
            sweeps.enumerated().compactMap { position, entry in
                let name =
                    severalModels
                    ? entry.model.displayName + (entry.model.serving.count > 1 ? " · " + entry.series.name : "")
                    : entry.series.name
                let points = entry.series.results.compactMap { result -> RatePoint? in
                    // vLLM's 0.0 for a run without a successful request is no measurement.
                    if key != "output_throughput" && result.hasNoSuccessfulRequest { return nil }
                    guard let value = result.metrics[key], value.isFinite else { return nil }
                    return RatePoint(rate: sweep.x(result), value: value)
                }
                return points.isEmpty
                    ? nil : RateLine(group: name, statistic: nil, points: points, colour: position + 1)
            }
        }
        let what = severalModels ? "model" : "setup"
        var figures: [HTMLReport.FigureView] = []
        for (key, title, unit) in [
            ("output_throughput", "Output throughput", MetricUnit.tokensPerSecond),
            ("p99_ttft_ms", "TTFT p99", .milliseconds),
        ] {
            let shown = lines(key)
            guard shown.count > 1 else { continue }
            figures.append(
                maker.rateFigure(
                    id: "compare-\(index + 1)-\(key)", sweep: sweep, lines: shown, title: title, unit: unit,
                    caption: "\(title) by request rate, one line per \(what) on the same workload"
                        + "\(sweep.infinityNote)."))
        }
        return figures
    }
}
