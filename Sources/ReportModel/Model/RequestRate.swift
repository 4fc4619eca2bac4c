/// The target request rate of a serving run: a number of requests per second, or `inf`
/// (every request sent at once).
///
/// Ordered numerically with `inf` last: 1, 4, 16, inf.
public enum RequestRate: Sendable, Hashable, Comparable, CustomStringConvertible {
    case perSecond(Double)
    case infinite

    /// Reads the rate as vLLM writes it in a file name (`1`, `2.5`, `inf`) or as a string
    /// value (`"inf"`).
    public init?(text: String) {
        let lowered = text.lowercased()
        if lowered == "inf" || lowered == "infinity" {
            self = .infinite
        } else if let value = Double(text), value.isFinite, value >= 0 {
            self = .perSecond(value)
        } else {
            return nil
        }
    }

    /// Reads a numeric `request_rate`; a float infinity means `inf`.
    public init?(number: Double) {
        if number == .infinity {
            self = .infinite
        } else if number.isFinite, number >= 0 {
            self = .perSecond(number)
        } else {
            return nil
        }
    }

    /// `1`, `2.5`, `inf`: the shortest text, as in vLLM's file names.
    public var description: String {
        switch self {
        case .infinite: "inf"
        case .perSecond(let value): formatShortest(value)
        }
    }

    public static func < (lhs: RequestRate, rhs: RequestRate) -> Bool {
        switch (lhs, rhs) {
        case (.perSecond(let left), .perSecond(let right)): left < right
        case (.perSecond, .infinite): true
        case (.infinite, _): false
        }
    }
}

/// The shortest decimal text that reads back as the same `Double`, without a trailing `.0`
/// for whole numbers (`4`, `0.5`, `1e-05`).
public func formatShortest(_ value: Double) -> String {
    if value.isFinite, value == value.rounded(), abs(value) < 9.007_199_254_740_992e15 {
        return String(Int64(value))
    }
    return value.description
}
