import Testing

@testable import Render

@Suite struct SVGSamplingTests {
    /// A long right tail, like real latencies: most requests fast, a few very slow.
    static let tailed: [Double] = (0..<100_000).map { index in
        let u = Double(index) / 99_999
        return 20 + 30 * u + 4000 * u * u * u * u * u * u * u * u * u * u * u * u
    }

    @Test func downSamplingKeepsMinimumMaximumAndQuantiles() throws {
        let cdf = EmpiricalCDF(samples: Self.tailed)
        let points = cdf.drawingPoints(maximumCount: 200)
        #expect(points.count <= 200)
        #expect(points.first == CDFPoint(value: 20, fraction: 1.0 / 100_000))
        #expect(points.last == CDFPoint(value: 4050, fraction: 1))
        for quantile in [0.5, 0.9, 0.99] {
            let value = try #require(cdf.quantile(quantile))
            #expect(points.contains { $0.value == value && $0.fraction >= quantile && $0.fraction < quantile + 1e-5 })
        }
    }

    @Test func everyDrawnPointIsASampleWithItsExactFraction() {
        let cdf = EmpiricalCDF(samples: Self.tailed)
        let points = cdf.drawingPoints(maximumCount: 200)
        for point in points {
            let rank = Int((point.fraction * 100_000).rounded())
            #expect(cdf.sortedSamples[rank - 1] == point.value)
        }
        // Ascending, and no undrawn rise taller than about 1 / 200.
        for (before, after) in zip(points, points.dropFirst()) {
            #expect(before.fraction < after.fraction && before.value <= after.value)
            #expect(after.fraction - before.fraction <= 1.0 / 190)
        }
    }

    @Test func smallSetsAreDrawnWhole() {
        let points = EmpiricalCDF(samples: [3, 1, 2]).drawingPoints()
        #expect(
            points == [
                CDFPoint(value: 1, fraction: 1 / 3), CDFPoint(value: 2, fraction: 2 / 3),
                CDFPoint(value: 3, fraction: 1),
            ])
        #expect(EmpiricalCDF(samples: []).drawingPoints().isEmpty)
    }

    @Test func quantilesAreTheInvertedCDF() {
        let cdf = EmpiricalCDF(samples: (1...10).map(Double.init).reversed())
        #expect(cdf.quantile(0.5) == 5)
        #expect(cdf.quantile(0.9) == 9)
        #expect(cdf.quantile(0.99) == 10)
        #expect(cdf.quantile(0) == 1)
        let hundred = EmpiricalCDF(samples: (1...100).map(Double.init))
        #expect(hundred.quantile(0.99) == 99)
        #expect(EmpiricalCDF(samples: []).quantile(0.5) == nil)
    }

    @Test func nonFiniteSamplesAreDropped() {
        let cdf = EmpiricalCDF(samples: [.nan, 4, .infinity, 2, -.infinity])
        #expect(cdf.sortedSamples == [2, 4])
    }

    @Test func boxSummaryInterpolatesLikeNumpy() throws {
        let box = try #require(BoxSummary(samples: [4, 1, 3, 2]))
        #expect(box.minimum == 1 && box.maximum == 4)
        #expect(box.lowerQuartile == 1.75)
        #expect(box.median == 2.5)
        #expect(box.upperQuartile == 3.25)
        #expect(box.count == 4)
        #expect(BoxSummary(samples: [.nan]) == nil)
        let single = try #require(BoxSummary(samples: [7]))
        #expect(single.lowerQuartile == 7 && single.upperQuartile == 7)
    }

    @Test func jitterIsDeterministicAndSpread() {
        let offsets = (0..<50).map(DistributionChart.jitter)
        #expect(offsets == (0..<50).map(DistributionChart.jitter))
        #expect(offsets.allSatisfy { $0 >= -0.5 && $0 < 0.5 })
        #expect(Set(offsets).count == 50)
    }

    @Test func dotsAreCappedAtEvenlySpacedRanks() {
        let dots = DistributionChart.dotSamples((0..<10_000).map(Double.init))
        #expect(dots.count == DistributionChart.maximumDots)
        #expect(dots.first == 0 && dots.last == 9999)
    }
}
