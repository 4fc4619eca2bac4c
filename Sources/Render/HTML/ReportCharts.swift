import ReportModel

/// The charts of one model's section.
struct ReportCharts {
    var section: ModelSection
    /// The section's anchor; chart ids start with it, so they are unique and stable on the page.
    var anchor: String

    func servingFigures(_ series: ServingSeries) -> [HTMLReport.FigureView] {
        []
    }

    func latencyFigures() -> [HTMLReport.FigureView] {
        []
    }
}
