import ReportModel

/// The answers first: per serving sweep, how much load fits the latency objectives, where
/// output throughput peaks and where the knee is, in one line each, and a compact table when
/// there are several sweeps.
struct CapacitySummary {
    var capacities: [SweepCapacity]
    /// Empty when the objectives were turned off (`--slo none`).
    var objectives: [ServiceObjective]
    /// Hardware, when the sweep's results name it.
    var hardware: (SweepCapacity) -> String?

    /// Markdown: a line per sweep, and the table when there is more than one.
    func render() -> String {
        guard !capacities.isEmpty else { return "" }
        var text = ""
        if !objectives.isEmpty {
            text += "**Capacity** within " + ServiceObjective.listed(objectives)
            text += " (set with --slo):\n\n"
        }
        for capacity in capacities.prefix(Self.listedLines) {
            text += "- " + line(capacity) + "\n"
        }
        if capacities.count > Self.listedLines {
            text += "- … and \(capacities.count - Self.listedLines) more sweeps, in the table below\n"
        }
        text += "\n"
        if capacities.count > 1 { text += table() + "\n" }
        return text
    }

    /// Sweeps described in a line of their own; the table has them all.
    static let listedLines = 12

    /// One row per sweep: the numbers of the lines above, side by side.
    func table() -> String {
        var columns: [MarkdownTable.Column] = [.init("Model · test", .left)]
        if !objectives.isEmpty { columns += [.init("Within objectives"), .init("Limited by", .left)] }
        columns += [.init("Peak output (tok/s)"), .init("Knee")]
        var table = MarkdownTable(columns: columns)
        for capacity in capacities {
            var cells = [
                Self.short(BenchmarkResult.displayName(ofModel: capacity.model)) + " · "
                    + Self.short(capacity.series.name)
            ]
            if !objectives.isEmpty {
                cells += [Self.capacityCell(capacity), Self.limitCell(capacity)]
            }
            cells.append(
                capacity.peakOutput.map { NumberText.fixed($0.value, decimals: 0) + " at " + Self.rate($0.rate) }
                    ?? "–")
            cells.append(capacity.knee.map(Self.rate) ?? "–")
            table.rows.append(cells)
        }
        return table.render()
    }

    /// `≈ 12.4 req/s`, `16 req/s`, `≥ inf`, `none`.
    static func capacityCell(_ capacity: SweepCapacity) -> String {
        if let estimate = capacity.estimate {
            return "≈ " + NumberText.fixed(estimate.rate, decimals: estimate.rate < 10 ? 2 : 1) + " req/s"
        }
        guard !capacity.objectives.isEmpty else { return "–" }
        guard let highest = capacity.highestMeeting else { return "none" }
        if capacity.firstMissing == nil { return highest == .infinite ? "every rate" : "≥ " + rate(highest) }
        return rate(highest)
    }

    /// The objective crossed first, or the ones the first missing rate misses.
    static func limitCell(_ capacity: SweepCapacity) -> String {
        if let estimate = capacity.estimate { return estimate.limitedBy.name }
        guard let missing = capacity.firstMissing,
            let point = capacity.points.first(where: { $0.rate == missing })
        else { return "–" }
        return point.missed.map(\.name).joined(separator: ", ") + " at " + rate(missing)
    }

    /// `**Llama-3.1-8B** · sharegpt on 8xH100: **≈ 12.4 req/s** (interpolated between 8 and 16
    /// req/s; p99 TTFT crossed first) · peak 6,677 tok/s at inf · knee near 16 req/s`.
    func line(_ capacity: SweepCapacity) -> String {
        var text = "**" + Escape.markdown(Self.short(BenchmarkResult.displayName(ofModel: capacity.model))) + "** · "
        text += Escape.markdown(Self.short(capacity.series.name))
        if let hardware = hardware(capacity) { text += " on " + Escape.markdown(Self.short(hardware)) }
        text += ": "
        var parts: [String] = []
        if !objectives.isEmpty { parts.append(Self.capacityText(capacity)) }
        if let peak = capacity.peakOutput {
            parts.append("peak \(NumberText.fixed(peak.value, decimals: 0)) tok/s at \(Self.rate(peak.rate))")
        }
        if let shares = Self.sharesText(capacity) { parts.append(shares) }
        if let knee = capacity.knee {
            parts.append("knee near \(Self.rate(knee))")
        } else if capacity.points.count(where: { $0.metrics["output_throughput"] != nil }) > 2 {
            // Only a sweep with throughputs can show a knee; without them, say nothing.
            parts.append("no knee in the measured rates")
        }
        return text + parts.joined(separator: " · ")
    }

    /// `requests within them: 100% at 1, 99.5% at 4, 12% at inf` (goodput), and vLLM's own
    /// `request_goodput` where the files have it.
    static func sharesText(_ capacity: SweepCapacity) -> String? {
        var parts: [String] = []
        // Runs of rates with the same share read as one: `100% at 1, 4, 16; 44.4% at inf (34.4 req/s)`.
        var groups: [(share: String, rates: [String], goodput: Double?)] = []
        for point in capacity.points {
            guard let share = point.shareWithinObjectives else { continue }
            let text = percent(share)
            if let last = groups.last, last.share == text, share == 1 {
                groups[groups.count - 1].rates.append(point.rate.description)
            } else {
                groups.append((text, [point.rate.description], share < 1 ? point.goodput : nil))
            }
        }
        if !groups.isEmpty {
            let text = groups.map { group in
                let goodput = group.goodput.map {
                    " (goodput \(NumberText.fixed($0, decimals: $0 < 10 ? 2 : 1)) req/s)"
                }
                return "\(group.share) at \(group.rates.joined(separator: ", "))\(goodput ?? "")"
            }
            parts.append("requests within them: " + text.joined(separator: "; "))
        }
        let vllm = capacity.points.compactMap { point in
            point.vllmGoodput.map { "\(NumberText.fixed($0, decimals: $0 < 10 ? 2 : 1)) req/s at \(point.rate)" }
        }
        if !vllm.isEmpty { parts.append("vLLM goodput " + vllm.joined(separator: ", ")) }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }

    /// `100%`, `99.5%`, `12%`.
    static func percent(_ share: Double) -> String {
        let value = share * 100
        return (value == value.rounded() ? NumberText.fixed(value, decimals: 0) : NumberText.fixed(value, decimals: 1))
            + "%"
    }

    /// What the sweep takes within the objectives, in words.
    static func capacityText(_ capacity: SweepCapacity) -> String {
        if capacity.objectives.isEmpty {
            let names = capacity.unmeasured.map(\.metric).joined(separator: ", ")
            return "capacity unknown (the files have no \(names))"
        }
        if let estimate = capacity.estimate {
            let (low, high) = estimate.between
            return "**≈ \(NumberText.fixed(estimate.rate, decimals: estimate.rate < 10 ? 2 : 1)) req/s** "
                + "(interpolated between \(low) and \(rate(high)); \(estimate.limitedBy.name) crossed first)"
        }
        if let missing = capacity.firstMissing, let point = capacity.points.first(where: { $0.rate == missing }) {
            let missed = point.missed.map { missedText($0, point) }.joined(separator: ", ")
            if let highest = capacity.highestMeeting {
                return "**\(rate(highest))** (the highest rate measured within them; \(rate(missing)) misses \(missed))"
            }
            return "**none of the measured rates** (\(rate(missing)) already misses \(missed))"
        }
        guard let highest = capacity.highestMeeting else { return "capacity unknown" }
        return highest == .infinite
            ? "**every measured rate, inf included**" : "**at least \(rate(highest))** (every measured rate meets them)"
    }

    /// `p99 TTFT (2,416 ms)`.
    static func missedText(_ objective: ServiceObjective, _ point: SweepCapacity.Point) -> String {
        guard let value = point.metrics[objective.metric] else { return objective.name }
        let completed = point.metrics["completed"] ?? 1
        if completed == 0 { return "\(objective.name) (no request succeeded)" }
        return "\(objective.name) (\(NumberText.fixed(value, decimals: 0)) ms)"
    }

    /// A name from the files, cut at 120 characters: a line must stay a line.
    static func short(_ text: String) -> String {
        text.count > 120 ? String(text.prefix(119)) + "…" : text
    }

    /// `16 req/s`, `inf`.
    static func rate(_ rate: RequestRate) -> String {
        rate == .infinite ? "inf" : "\(rate) req/s"
    }
}
