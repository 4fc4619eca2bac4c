/// Student's t distribution, for the Welch and prediction tests on replicate runs.
enum StudentTDistribution {
    /// P(T > t) with ν > 0 degrees of freedom: ½·I_{ν/(ν+t²)}(ν/2, ½) for t ≥ 0, by symmetry
    /// below; 0 at +∞ and 1 at −∞.
    static func survival(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        precondition(nu > 0, "Student's t needs positive degrees of freedom, not \(nu)")
        if t.isNaN { return .nan }
        if t == .infinity { return 0 }
        if t == -.infinity { return 1 }
        let tail = 0.5 * IncompleteBeta.regularized(nu / (nu + t * t), a: nu / 2, b: 0.5)
        return t >= 0 ? tail : 1 - tail
    }
}
