import Testing

@testable import Render

@Suite struct SVGScaleTests {
    @Test func niceTicksForZeroToNinetySeven() {
        let domain = NiceTicks.nice(0...97, count: 5)
        #expect(domain == 0...100)
        #expect(NiceTicks.ticks(in: domain, count: 5) == [0, 20, 40, 60, 80, 100])
        #expect(NiceTicks.labelDecimals(in: domain, count: 5) == 0)
    }

    @Test func niceTicksForSmallDecimals() {
        let ticks = NiceTicks.ticks(in: 0.0013...0.0087, count: 5)
        #expect(ticks == [0.002, 0.004, 0.006, 0.008])
        #expect(NiceTicks.labelDecimals(in: 0.0013...0.0087, count: 5) == 3)
        #expect(NiceTicks.nice(0.0013...0.0087, count: 5) == 0...0.01)
        #expect(ticks.map { NumberText.fixed($0, decimals: 3) } == ["0.002", "0.004", "0.006", "0.008"])
    }

    @Test func niceTicksForNegativeRanges() {
        #expect(NiceTicks.nice(-47 ... -3, count: 5) == -50...0)
        #expect(NiceTicks.ticks(in: -50...0, count: 5) == [-50, -40, -30, -20, -10, 0])
        let crossing = NiceTicks.nice(-3...7, count: 5)
        #expect(crossing == -4...8)
        #expect(NiceTicks.ticks(in: crossing, count: 5) == [-4, -2, 0, 2, 4, 6, 8])
    }

    @Test func zeroTickHasNoSign() {
        let zero = NiceTicks.ticks(in: -1...1, count: 4).first { $0 == 0 }
        #expect(zero?.sign == .plus)
    }

    @Test func tickValuesAreTheShortestDecimals() {
        // Multiples divided by a whole number, so 3 × 0.1 is 0.3, not 0.30000000000000004.
        let ticks = NiceTicks.ticks(in: 0...1, count: 10)
        #expect(
            ticks.map(\.description) == ["0.0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "1.0"])
    }

    @Test(arguments: [
        (7.1, 10.0), (7.0, 5.0), (3.17, 5.0), (3.16, 2.0), (1.42, 2.0), (1.41, 1.0), (0.0099, 0.01), (250, 200),
    ])
    func stepMantissaComparesWithSquareRoots(raw: Double, expected: Double) {
        #expect(NiceTicks.step(extent: raw * 4, count: 4)?.value == expected)
    }

    @Test func stepLabelDecimals() {
        #expect(NiceTicks.step(extent: 100, count: 5)?.labelDecimals == 0)
        #expect(NiceTicks.step(extent: 2.5, count: 5)?.labelDecimals == 1)
        #expect(NiceTicks.step(extent: 0.01, count: 5)?.labelDecimals == 3)
    }

    @Test func emptyOrInvalidExtentsHaveNoStep() {
        #expect(NiceTicks.step(extent: 0, count: 5) == nil)
        #expect(NiceTicks.step(extent: .nan, count: 5) == nil)
        #expect(NiceTicks.step(extent: .infinity, count: 5) == nil)
        #expect(NiceTicks.ticks(in: 3...3, count: 5) == [3])
    }

    @Test func logTicksAtOneTwoFiveWhenTheyFit() throws {
        let scale = try #require(LogScale(domain: 1...1000, rangeStart: 0, rangeEnd: 300))
        #expect(scale.ticks(maximumCount: 10) == [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000])
        #expect(scale.ticks(maximumCount: 5) == [1, 10, 100, 1000])
    }

    @Test func logTicksThinOutOverManyDecades() throws {
        let scale = try #require(LogScale(domain: 0.001...1e6, rangeStart: 0, rangeEnd: 300))
        #expect(scale.ticks(maximumCount: 4) == [0.001, 1, 1000, 1e6])
        #expect(LogScale.labelDecimals(for: 0.001) == 3)
        #expect(LogScale.labelDecimals(for: 0.05) == 2)
        #expect(LogScale.labelDecimals(for: 500) == 0)
    }

    @Test func logDomainsAreNicedToOneTwoFiveOrPowers() throws {
        let scale = try #require(LogScale(domain: 3.2...450, rangeStart: 0, rangeEnd: 300))
        #expect(scale.niced(maximumTickCount: 8).domain == 2...500)
        #expect(scale.niced(maximumTickCount: 5).domain == 1...1000)
        let exact = try #require(LogScale(domain: 10...1000, rangeStart: 0, rangeEnd: 300))
        #expect(exact.niced(maximumTickCount: 3).domain == 10...1000)
    }

    @Test func logScalesRefuseNonPositiveDomains() {
        #expect(LogScale(domain: 0...10, rangeStart: 0, rangeEnd: 1) == nil)
        #expect(LogScale(domain: -5...10, rangeStart: 0, rangeEnd: 1) == nil)
    }

    @Test func scalesMapDomainToRange() throws {
        let linear = LinearScale(domain: 0...10, rangeStart: 300, rangeEnd: 20)
        #expect(linear.position(of: 0) == 300)
        #expect(linear.position(of: 10) == 20)
        #expect(linear.position(of: 5) == 160)
        #expect(LinearScale(domain: 4...4, rangeStart: 0, rangeEnd: 100).position(of: 4) == 50)
        let log = try #require(LogScale(domain: 1...100, rangeStart: 0, rangeEnd: 200))
        #expect(log.position(of: 10) == 100)
        #expect(log.position(of: 100) == 200)
    }

    @Test func pointScaleSpacesCategoriesEvenly() {
        let scale = PointScale(count: 4, rangeStart: 0, rangeEnd: 300)
        #expect((0..<4).map(scale.position(at:)) == [37.5, 112.5, 187.5, 262.5])
        #expect(PointScale(count: 1, rangeStart: 0, rangeEnd: 300).position(at: 0) == 150)
    }

    @Test func pointScaleGapBeforeTheLastCategory() {
        let scale = PointScale(count: 4, rangeStart: 0, rangeEnd: 450, gapBeforeLast: 0.5)
        #expect(scale.step == 100)
        #expect((0..<4).map(scale.position(at:)) == [50, 150, 250, 400])
    }

    @Test func automaticAxesTurnLogBeyondTwoDecades() {
        let wide = NumericAxis.fitted(
            to: [3, 40, 900], choice: .automatic, includesZero: true, rangeStart: 300, rangeEnd: 0, pixelsPerTick: 35)
        #expect(wide.isLog)
        #expect(wide.tickLabels.first == "2" && wide.tickLabels.last == "1,000")
        let narrow = NumericAxis.fitted(
            to: [10, 40, 900], choice: .automatic, includesZero: true, rangeStart: 300, rangeEnd: 0, pixelsPerTick: 35)
        #expect(!narrow.isLog)
        #expect(narrow.ticks.first == 0)
    }

    @Test func logAxesFallBackToLinearForZeroOrNegativeValues() {
        for values in [[0, 10, 1000], [-5, 10, 1000]] as [[Double]] {
            let axis = NumericAxis.fitted(
                to: values, choice: .log, includesZero: false, rangeStart: 300, rangeEnd: 0, pixelsPerTick: 35)
            #expect(!axis.isLog)
            #expect(axis.ticks.first! <= values.min()! && axis.ticks.last! >= values.max()!)
        }
    }

    @Test func degenerateDataStillGetsAnAxis() {
        let equal = NumericAxis.fitted(
            to: [22.5, 22.5], choice: .linear, includesZero: false, rangeStart: 300, rangeEnd: 0, pixelsPerTick: 35)
        #expect(equal.ticks.count >= 2)
        #expect(equal.ticks.first! < 22.5 && equal.ticks.last! > 22.5)
        let zeros = NumericAxis.fitted(
            to: [0], choice: .automatic, includesZero: true, rangeStart: 300, rangeEnd: 0, pixelsPerTick: 35)
        #expect(zeros.ticks.first == 0 && zeros.ticks.last == 1)
        let none = NumericAxis.fitted(
            to: [.nan, .infinity], choice: .automatic, includesZero: false, rangeStart: 300, rangeEnd: 0,
            pixelsPerTick: 35)
        #expect(none.ticks.first == 0 && none.ticks.last == 1)
        let single = NumericAxis.fitted(
            to: [.nan, 50], choice: .log, includesZero: false, rangeStart: 300, rangeEnd: 0, pixelsPerTick: 35)
        #expect(single.isLog && single.ticks.first! < 50 && single.ticks.last! > 50)
    }

    @Test func tickCountFollowsTheAxisLength() {
        let short = NumericAxis.fitted(
            to: [0, 97], choice: .linear, includesZero: true, rangeStart: 0, rangeEnd: 160, pixelsPerTick: 80)
        #expect(short.ticks == [0, 50, 100])
        let long = NumericAxis.fitted(
            to: [0, 97], choice: .linear, includesZero: true, rangeStart: 0, rangeEnd: 400, pixelsPerTick: 80)
        #expect(long.ticks == [0, 20, 40, 60, 80, 100])
    }
}
