internal import Foundation

/// Dates of history runs: read from ISO-8601 (with any offset) or vLLM's `20261128-011056`, and
/// written as UTC ISO-8601 with seconds, so that text order is time order.
public enum HistoryDate {
    /// `2026-11-28T01:10:56Z` for any accepted spelling of that instant, or nil.
    ///
    /// Accepted: `2026-11-28T01:10:56Z`, `2026-11-28T03:10:56+02:00`, fractional seconds,
    /// `2026-11-28` (midnight UTC), and vLLM's result `date`, `20261128-011056` (taken as UTC).
    public static func normalised(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let date = parse(trimmed) { return format(date) }
        return nil
    }

    /// The date of `seconds` since 1970 in the normalised form.
    public static func normalised(secondsSince1970 seconds: Double) -> String {
        format(Date(timeIntervalSince1970: seconds))
    }

    private static func parse(_ text: String) -> Date? {
        let withSeconds = ISO8601DateFormatter()
        withSeconds.formatOptions = [.withInternetDateTime]
        if let date = withSeconds.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = fractional.date(from: text) { return date }
        let fixed = DateFormatter()
        fixed.locale = Locale(identifier: "en_US_POSIX")
        fixed.timeZone = TimeZone(identifier: "UTC")
        for pattern in ["yyyyMMdd-HHmmss", "yyyy-MM-dd"] {
            fixed.dateFormat = pattern
            if let date = fixed.date(from: text), fixed.string(from: date) == text { return date }
        }
        return nil
    }

    private static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        // Whole seconds: the name and the order must not depend on sub-second noise.
        return formatter.string(from: Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down)))
    }
}
