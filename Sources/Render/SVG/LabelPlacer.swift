/// A rectangle in viewBox units.
struct ScreenRect: Sendable {
    var left: Double
    var top: Double
    var right: Double
    var bottom: Double

    func overlap(with other: ScreenRect) -> Double {
        let width = min(right, other.right) - max(left, other.left)
        let height = min(bottom, other.bottom) - max(top, other.top)
        return width > 0 && height > 0 ? width * height : 0
    }

    /// The part of this box that lies outside `bounds`.
    func area(outside bounds: ScreenRect) -> Double {
        (right - left) * (bottom - top) - overlap(with: bounds)
    }
}

/// Places short point labels where they cover the least: other labels, markers and lines.
struct LabelPlacer {
    struct Placement: Sendable {
        var x: Double
        var y: Double
        /// `text-anchor`.
        var anchor: String
    }

    private var occupied: [ScreenRect] = []
    private let bounds: ScreenRect
    private let fontSize: Double

    init(bounds: ScreenRect, fontSize: Double) {
        self.bounds = bounds
        self.fontSize = fontSize
    }

    /// Marks a marker's neighbourhood as taken.
    mutating func reserve(pointAt x: Double, _ y: Double, radius: Double = 5) {
        occupied.append(ScreenRect(left: x - radius, top: y - radius, right: x + radius, bottom: y + radius))
    }

    /// Marks a line segment as taken, as small boxes along it.
    mutating func reserve(segmentFrom start: (x: Double, y: Double), to end: (x: Double, y: Double)) {
        let length = ((end.x - start.x) * (end.x - start.x) + (end.y - start.y) * (end.y - start.y)).squareRoot()
        // A point at infinity (or NaN) covers nothing on screen; no segment is longer than the chart.
        guard length.isFinite else { return }
        let pieces = max(1, Int(min(length, 10_000) / 4))
        for piece in 0...pieces {
            let t = Double(piece) / Double(pieces)
            reserve(pointAt: start.x + (end.x - start.x) * t, start.y + (end.y - start.y) * t, radius: 1.5)
        }
    }

    /// The first candidate spot around the point that covers nothing, else the one that covers least;
    /// the label's box is then taken.
    mutating func place(_ text: String, nearX x: Double, y: Double) -> Placement {
        let width = TextMetrics.width(of: text, fontSize: fontSize)
        // Below-right and above-left first: rising curves leave those corners free.
        let candidates: [(dx: Double, dy: Double, anchor: String)] = [
            (6, 13, "start"), (-6, -7, "end"), (6, -7, "start"), (-6, 13, "end"), (0, -9, "middle"), (0, 17, "middle"),
        ]
        var best: (placement: Placement, box: ScreenRect, cost: Double)?
        for candidate in candidates {
            let baselineX = x + candidate.dx
            let baselineY = y + candidate.dy
            let left =
                switch candidate.anchor {
                case "start": baselineX
                case "end": baselineX - width
                default: baselineX - width / 2
                }
            let box = ScreenRect(
                left: left, top: baselineY - fontSize * TextMetrics.ascent, right: left + width,
                bottom: baselineY + fontSize * TextMetrics.descent)
            // A label needs a little clear space around it, or "1" and "4" side by side read as "14".
            let clearance = ScreenRect(
                left: box.left - 3, top: box.top - 2, right: box.right + 3, bottom: box.bottom + 2)
            let cost = occupied.reduce(0) { $0 + $1.overlap(with: clearance) } + 4 * box.area(outside: bounds)
            if best == nil || cost < best!.cost {
                best = (Placement(x: baselineX, y: baselineY, anchor: candidate.anchor), box, cost)
            }
            if cost == 0 { break }
        }
        occupied.append(best!.box)
        return best!.placement
    }
}
