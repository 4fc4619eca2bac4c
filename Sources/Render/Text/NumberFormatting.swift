internal import Foundation
import ReportModel

/// Fixed-precision number text for tables, chart axes and tooltips alike: locale-independent,
/// thousands separated by commas (`13,638`), no negative zero, `NaN` and `inf` spelled out.
public enum NumberText {
    public static func fixed(_ value: Double, decimals: Int) -> String {
        grouped(ungrouped(value, decimals: decimals))
    }

    /// A change in percent with its sign and one decimal: `+25.2%`, `−3.1%` (a minus sign, not
    /// a hyphen).
    public static func signedPercent(_ percent: Double) -> String {
        (percent >= 0 ? "+" : "−") + fixed(abs(percent), decimals: 1) + "%"
    }

    /// A count: "1,000".
    public static func whole(_ count: Int) -> String {
        fixed(Double(count), decimals: 0)
    }

    /// Without separators: SVG coordinates and attributes.
    static func ungrouped(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-inf" : "inf") }
        var text = String(format: "%.\(decimals)f", value)
        // "-0.00" reads as a sign where there is none.
        if text.hasPrefix("-"), text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) {
            text.removeFirst()
        }
        return text
    }

    /// Commas every three digits of the whole part: "13638.2" → "13,638.2".
    private static func grouped(_ text: String) -> String {
        guard text.first?.isNumber == true || text.hasPrefix("-") else { return text }
        let sign = text.hasPrefix("-") ? "-" : ""
        let unsigned = text.dropFirst(sign.count)
        let whole = unsigned.prefix { $0 != "." }
        guard whole.count > 3 else { return text }
        var digits = Array(whole)
        var index = digits.count - 3
        while index > 0 {
            digits.insert(",", at: index)
            index -= 3
        }
        return sign + String(digits) + unsigned.dropFirst(whole.count)
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

/// A unit as shown, scaled to the data it shows: milliseconds become seconds once a value
/// reaches 10,000 ms; everything else keeps the file's unit, with thousands separated
/// (`13,638.2 tok/s`). A table column, a chart axis and its tooltips each pick one for all their
/// values, so a column never mixes units.
public struct DisplayUnit: Sendable, Equatable {
    /// What the header or axis says: "ms", "s", "tok/s".
    public var name: String
    /// Values in the file's unit are divided by this.
    public var divisor: Double
    public var decimals: Int

    /// The unit for `values`, all in `unit`.
    public static func fitting(_ values: [Double], unit: MetricUnit) -> DisplayUnit {
        let largest = values.filter(\.isFinite).map(abs).max() ?? 0
        switch unit {
        case .milliseconds where largest >= 10_000: return DisplayUnit(name: "s", divisor: 1000, decimals: 2)
        default: return DisplayUnit(name: unit.rawValue, divisor: 1, decimals: NumberText.decimals(for: unit))
        }
    }

    /// The value, in the file's unit, as this unit shows it (without the unit's name).
    public func text(_ value: Double) -> String {
        NumberText.fixed(value / divisor, decimals: decimals)
    }

    /// The value in this unit.
    public func scaled(_ value: Double) -> Double { value / divisor }
}
