/// The serving results of one sweep (one test name across request rates and concurrencies) and
/// one variant of it: results that differ in a variant label, TP or hardware are separate series.
public struct ServingSeries: Sendable {
    /// The test's series name followed by what sets the variant apart:
    /// `serving_x · framework=sgl`.
    public var name: String
    /// The test's series name, shared by its variants.
    public var sweep: String
    /// What sets this variant apart from the others of its sweep (`framework=sgl`, `TP 2`,
    /// `8xH100`); empty when the sweep has one variant.
    public var labels: [String]
    /// Ordered by request rate (`inf` last), then concurrency, file and line.
    public var results: [BenchmarkResult]

    /// A series of one variant when `sweep` is nil: its name is the sweep's.
    public init(name: String, sweep: String? = nil, labels: [String] = [], results: [BenchmarkResult]) {
        self.name = name
        self.sweep = sweep ?? name
        self.labels = labels
        self.results = results
    }
}

/// Everything measured for one model.
public struct ModelSection: Sendable {
    /// The full model id.
    public var model: String
    public var displayName: String
    public var serving: [ServingSeries]
    public var latency: [BenchmarkResult]
    public var throughput: [BenchmarkResult]

    /// Every result of the model, serving first.
    public var allResults: [BenchmarkResult] {
        serving.flatMap(\.results) + latency + throughput
    }

    /// The tensor-parallel sizes the results name, ascending.
    public var tensorParallelSizes: [Int] {
        Set(allResults.compactMap(\.tensorParallelSize)).sorted()
    }

    /// The hardware the results name (`8xH100`), sorted.
    public var hardware: [String] {
        Set(allResults.compactMap(\.hardware)).sorted()
    }
}

/// A results folder, aggregated per model, with the facts a headline needs.
public struct Report: Sendable {
    public var folder: ResultFolder
    /// Ordered by display name (``naturalOrder(_:_:)``), then full id.
    public var models: [ModelSection]

    public init(folder: ResultFolder) {
        self.folder = folder
        var byModel: [String: [BenchmarkResult]] = [:]
        for result in folder.results { byModel[result.model, default: []].append(result) }
        let variantKeys = Variants.keys(folder.results)
        models = byModel.map { model, results in
            ModelSection(
                model: model,
                displayName: BenchmarkResult.displayName(ofModel: model),
                serving: Self.servingSeries(results.filter { $0.kind == .serving }, variantKeys: variantKeys),
                latency: results.filter { $0.kind == .latency }.sorted { $0.file < $1.file },
                throughput: results.filter { $0.kind == .throughput }.sorted { $0.file < $1.file })
        }
        .sorted { lhs, rhs in
            if lhs.displayName != rhs.displayName { return naturalOrder(lhs.displayName, rhs.displayName) }
            return lhs.model < rhs.model
        }
        // Two local paths can end in the same folder name: then only the full ids tell them apart.
        var sectionsByName: [String: Int] = [:]
        for section in models { sectionsByName[section.displayName, default: 0] += 1 }
        for index in models.indices where sectionsByName[models[index].displayName]! > 1 {
            models[index].displayName = models[index].model
        }
    }

    /// One series per sweep and variant: the variant labels that vary within the sweep, then the
    /// TP and hardware when those vary within it.
    static func servingSeries(_ results: [BenchmarkResult], variantKeys: Set<String>) -> [ServingSeries] {
        let bySweep = Dictionary(grouping: results, by: \.series)
        var series: [ServingSeries] = []
        for (sweep, runs) in bySweep {
            let keys = variantKeys.filter { key in Set(runs.map { $0.metadata[key] ?? "" }).count > 1 }
            let splitsTP = Set(runs.map(\.tensorParallelSize)).count > 1
            let splitsHardware = Set(runs.map(\.hardware)).count > 1
            let byLabels = Dictionary(grouping: runs) { result in
                var labels = Variants.text(of: Variants.labels(of: result, keys: keys))
                if splitsTP { labels.append("TP \(result.tensorParallelSize.map(String.init) ?? "unknown")") }
                if splitsHardware { labels.append(result.hardware ?? "hardware unknown") }
                return labels
            }
            for (labels, variant) in byLabels {
                series.append(
                    ServingSeries(
                        name: ([sweep] + labels).joined(separator: " · "), sweep: sweep, labels: labels,
                        results: variant.sorted(by: BenchmarkResult.reportOrder)))
            }
        }
        return series.sorted { lhs, rhs in
            if lhs.sweep != rhs.sweep { return lhs.sweep < rhs.sweep }
            return naturalOrder(lhs.name, rhs.name)
        }
    }

    /// How many results of each kind.
    public func count(of kind: ResultKind) -> Int {
        folder.results.count { $0.kind == kind }
    }

    /// Every hardware name in the folder (`8xH100`).
    public var hardware: [String] {
        Set(folder.results.compactMap(\.hardware)).sorted()
    }

    /// Distinct values of a string key across results (`backend`, `date`), sorted.
    public func values(ofMetadata key: String) -> [String] {
        Set(folder.results.compactMap { $0.metadata[key] }).filter { !$0.isEmpty }.sorted()
    }

    /// `--metadata` pairs that every result carries with the same value, e.g.
    /// `tensor_parallel_size=1`: the run's own labels.
    public var sharedRunMetadata: [(key: String, value: String)] {
        guard let first = folder.results.first else { return [] }
        return first.metadata
            .filter { key, value in
                !ResultInterpreter.headerStringKeys.contains(key) && !value.isEmpty
                    && folder.results.allSatisfy { $0.metadata[key] == value }
            }
            .map { (key: $0.key, value: $0.value) }
            .sorted { $0.key < $1.key }
    }
}

/// The order people expect for names: case ignored, runs of digits compared by value
/// (`model-9` before `model-10`, `qwen3` after `Qwen2.5`), then the raw text to break ties.
public func naturalOrder(_ lhs: String, _ rhs: String) -> Bool {
    var left = Array(lhs.lowercased().unicodeScalars)[...]
    var right = Array(rhs.lowercased().unicodeScalars)[...]
    func isDigit(_ scalar: Unicode.Scalar) -> Bool { scalar >= "0" && scalar <= "9" }
    while let l = left.first, let r = right.first {
        if isDigit(l) && isDigit(r) {
            let leftDigits = left.prefix(while: isDigit)
            let rightDigits = right.prefix(while: isDigit)
            let leftValue = leftDigits.drop(while: { $0 == "0" })
            let rightValue = rightDigits.drop(while: { $0 == "0" })
            if leftValue.count != rightValue.count { return leftValue.count < rightValue.count }
            if !leftValue.elementsEqual(rightValue) {
                return leftValue.lexicographicallyPrecedes(rightValue) { $0.value < $1.value }
            }
            left = left.dropFirst(leftDigits.count)
            right = right.dropFirst(rightDigits.count)
        } else {
            if l != r { return l.value < r.value }
            left = left.dropFirst()
            right = right.dropFirst()
        }
    }
    if left.isEmpty != right.isEmpty { return left.isEmpty }
    return lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
}
