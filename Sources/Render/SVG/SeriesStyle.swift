/// How one series is drawn: a palette colour, a dash pattern and a marker shape, so series differ
/// by more than colour (for colour-blind readers and black-and-white prints).
public struct SeriesStyle: Sendable, Hashable {
    /// Palette slot from 1 (wraps after 8): CSS custom property `--series-N` and class `series-N`.
    /// ``textColour`` (0): the text's, for a legend's key to line styles that every colour shares.
    public var colour: Int
    /// The line's dash pattern.
    public var dash: DashPattern
    /// The shape of its point markers.
    public var marker: MarkerShape
    /// Drawn beneath a series it may coincide with (base under head): a wide translucent line and
    /// larger hollow markers, so the series on top stays visible and this one shows around it.
    public var underlay: Bool

    public init(colour: Int, dash: DashPattern = .solid, marker: MarkerShape = .circle, underlay: Bool = false) {
        self.colour = colour
        self.dash = dash
        self.marker = marker
        self.underlay = underlay
    }

    /// The style of the series at a 0-based position when the caller gives none: colour, dash and
    /// marker all advance, so the first two are solid with circles and dashed with triangles.
    public static func automatic(_ index: Int) -> SeriesStyle {
        let position = max(index, 0)
        return SeriesStyle(
            colour: position % palette.count + 1,
            dash: DashPattern.allCases[position % DashPattern.allCases.count],
            marker: MarkerShape.allCases[position % MarkerShape.allCases.count])
    }

    /// The page's text colour rather than a palette slot: the key to line styles in a legend.
    public static let textColour = 0

    /// Light-theme fallbacks, the same as the report page's `--series-N` (Okabe–Ito, colour-blind safe;
    /// slots 4–6 a little darker so lines reach 3:1 on white, WCAG 1.4.11).
    static let palette = ["#0072b2", "#d55e00", "#009e73", "#c3719f", "#bb8100", "#3294c8", "#7f7f7f", "#a6761d"]

    /// Light-theme fallbacks of `--series-N-text`, for text in a series' colour: the same hues,
    /// darker, so small labels reach 4.5:1 on white (WCAG 1.4.3) where lines need only 3:1.
    static let textPalette = ["#0072b2", "#b65000", "#007e5b", "#a35481", "#946500", "#0076a7", "#6e6e6e", "#936500"]

    var slot: Int { ((colour - 1) % Self.palette.count + Self.palette.count) % Self.palette.count + 1 }

    var className: String { colour == Self.textColour ? "series" : "series series-\(slot)" }

    /// `var(--series-N, #fallback)`: the page's custom property, for dark mode.
    var cssColour: String {
        colour == Self.textColour ? "currentColor" : "var(--series-\(slot), \(Self.palette[slot - 1]))"
    }

    /// The plain colour, for renderers without custom properties (librsvg, Inkscape).
    var fallbackColour: String { colour == Self.textColour ? "currentColor" : Self.palette[slot - 1] }

    /// `var(--series-N-text, #fallback)`: the shade for text in this series' colour.
    var cssTextColour: String {
        colour == Self.textColour ? "currentColor" : "var(--series-\(slot)-text, \(Self.textPalette[slot - 1]))"
    }

    /// The plain text shade, for renderers without custom properties.
    var fallbackTextColour: String { colour == Self.textColour ? "currentColor" : Self.textPalette[slot - 1] }
}

/// The dash pattern of a series' line.
public enum DashPattern: Sendable, Hashable, CaseIterable {
    case solid
    case dashed
    case dotted
    case dashDot

    /// The `stroke-dasharray` value, nil for a solid line.
    var dashArray: String? {
        switch self {
        case .solid: nil
        case .dashed: "7 4"
        case .dotted: "2 3"
        case .dashDot: "9 3 2 3"
        }
    }
}

/// The shape of a series' point markers.
public enum MarkerShape: Sendable, Hashable, CaseIterable {
    case circle
    case triangle
    case square
    case diamond
    case invertedTriangle

    /// Path data for the marker centred on a point; shapes have about the same area.
    func path(x: Double, y: Double, size: Double = 4) -> String {
        var path = PathData()
        switch self {
        case .circle:
            // Two arcs; PathData has no arc command, and a circle is the one curve needed.
            let radius = size * 0.9
            return "M\(svgNumber(x - radius)),\(svgNumber(y))a\(svgNumber(radius)),\(svgNumber(radius)) 0 1,0 "
                + "\(svgNumber(2 * radius)),0a\(svgNumber(radius)),\(svgNumber(radius)) 0 1,0 "
                + "\(svgNumber(-2 * radius)),0Z"
        case .triangle:
            path.move(x, y - size * 1.2)
            path.line(x + size * 1.1, y + size * 0.8)
            path.line(x - size * 1.1, y + size * 0.8)
        case .invertedTriangle:
            path.move(x, y + size * 1.2)
            path.line(x + size * 1.1, y - size * 0.8)
            path.line(x - size * 1.1, y - size * 0.8)
        case .square:
            let half = size * 0.8
            path.move(x - half, y - half)
            path.horizontal(x + half)
            path.vertical(y + half)
            path.horizontal(x - half)
        case .diamond:
            let reach = size * 1.15
            path.move(x, y - reach)
            path.line(x + reach, y)
            path.line(x, y + reach)
            path.line(x - reach, y)
        }
        path.closePath()
        return path.text
    }
}
