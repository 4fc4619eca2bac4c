/// One value at one request rate.
public struct RatePoint: Sendable, Hashable {
    /// Requests per second; `.infinity` for `inf` (every request sent at once).
    public var rate: Double
    /// The metric at that rate, in the unit of the chart's value axis.
    public var value: Double

    public init(rate: Double, value: Double) {
        self.rate = rate
        self.value = value
    }
}

/// A named line of values by request rate, such as the median TTFT of one run.
public struct RateSeries: Sendable, Hashable {
    /// Shown in the legend and tooltips.
    public var name: String
    /// In any order, one per rate (the first is kept); a NaN or infinite value or a negative rate is left out.
    public var points: [RatePoint]
    /// Nil: the style of the series' position in the chart.
    public var style: SeriesStyle?

    public init(_ name: String, points: [RatePoint], style: SeriesStyle? = nil) {
        self.name = name
        self.points = points
        self.style = style
    }

    /// `RateSeries("median", [(1, 22.4), (4, 24.0), (.infinity, 544.3)])`.
    public init(_ name: String, _ values: [(rate: Double, value: Double)], style: SeriesStyle? = nil) {
        self.init(name, points: values.map { RatePoint(rate: $0.rate, value: $0.value) }, style: style)
    }
}

/// One point of a curve, with an optional label drawn beside it.
public struct CurvePoint: Sendable, Hashable {
    public var x: Double
    public var y: Double
    /// Drawn beside the point, such as its request rate ("16", "inf").
    public var label: String?
    /// Drawn in a band of its own above the plot, on its own y scale, when the chart has other
    /// points too: the `inf` rate, whose latency is often ten times the others' and would
    /// squeeze them, and the knee with them, onto the floor.
    public var hasOwnScale: Bool

    public init(x: Double, y: Double, label: String? = nil, hasOwnScale: Bool = false) {
        self.x = x
        self.y = y
        self.label = label
        self.hasOwnScale = hasOwnScale
    }
}

/// A named sequence of points joined in the given order, such as one run's latency–throughput curve.
public struct CurveSeries: Sendable, Hashable {
    /// Shown in the legend and tooltips.
    public var name: String
    /// Joined in this order; points with a NaN or infinite coordinate are left out. Points with
    /// the same label (runs of one request rate: replicates) get a marker each, and the line
    /// passes through their mean, labelled once.
    public var points: [CurvePoint]
    /// Nil: the style of the series' position in the chart.
    public var style: SeriesStyle?

    public init(_ name: String, points: [CurvePoint], style: SeriesStyle? = nil) {
        self.name = name
        self.points = points
        self.style = style
    }
}

/// Named samples, such as the TTFT of every request at one rate, or a latency test's iterations.
public struct SampleSet: Sendable, Hashable {
    /// Shown in the legend, on the category axis and in tooltips.
    public var name: String
    /// In any order; NaN and infinities are ignored.
    public var samples: [Double]
    /// Nil: the style of the set's position in the chart.
    public var style: SeriesStyle?
    /// How many samples the set stands for, said in descriptions: more than `samples` holds
    /// when those are the evenly spaced order statistics the reader kept of a longer series.
    /// Nil: the finite samples.
    public var count: Int?

    public init(_ name: String, samples: [Double], style: SeriesStyle? = nil, count: Int? = nil) {
        self.name = name
        self.samples = samples
        self.style = style
        self.count = count
    }
}
