internal import Foundation
import ReportModel

/// Fixed-precision number text for tables: locale-independent, no negative zero, `NaN` and
/// `inf` spelled out.
public enum NumberText {
    public static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-inf" : "inf") }
        let text = String(format: "%.\(decimals)f", value)
        // "-0.00" reads as a sign where there is none.
        if text.hasPrefix("-"), text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) {
            return String(text.dropFirst())
        }
        return text
    }

    /// `13,638` or `12.4`: fixed precision with a comma between thousands, for prose.
    public static func grouped(_ value: Double, decimals: Int) -> String {
        let text = fixed(value, decimals: decimals)
        guard value.isFinite else { return text }
        let negative = text.hasPrefix("-")
        let body = negative ? text.dropFirst() : Substring(text)
        let whole = body.prefix { $0 != "." }
        let fraction = body.dropFirst(whole.count)
        var grouped = ""
        for (index, digit) in whole.enumerated() {
            if index > 0 && (whole.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return (negative ? "-" : "") + grouped + fraction
    }

    /// How a metric of this unit is shown: whole counts without decimals, times in ms with 2,
    /// rates per second with 2 (requests) or 1 (tokens).
    public static func decimals(for unit: MetricUnit) -> Int {
        switch unit {
        case .requests, .tokens: 0
        case .milliseconds, .seconds, .requestsPerSecond, .percent, .dimensionless: 2
        case .tokensPerSecond: 1
        }
    }
}
