#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Decimal to `Double`, correctly rounded (round half to even), as Python and `strtod` do.
///
/// A decimal `w × 10^q` with at most 19 significant digits takes one of two exact fast paths:
/// Clinger's (w ≤ 2^53 and |q| ≤ 22: one correctly rounded multiplication or division by an
/// exact power of ten), else Eisel–Lemire (a 64 × 128-bit product with a truncated power of
/// five; Mushtak and Lemire proved the 128 bits always suffice for 19 digits). Anything else
/// (more digits, subnormals, overflow) goes to `strtod`, which is exact but about three times
/// slower. See Lemire, "Number Parsing at a Gigabyte per Second" (2021).
enum DecimalParsing {
    /// The exactly representable powers of ten.
    private static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
        1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// `w × 10^q` for `w` of at most 19 digits, or nil when only the slow path can tell.
    @inline(__always)
    static func fastValue(significand w: UInt64, exponent q: Int) -> Double? {
        if w == 0 { return 0 }
        if w <= 1 << 53, q >= -22, q <= 22 {
            let value = Double(w)
            return q < 0 ? value / exactPowersOfTen[-q] : value * exactPowersOfTen[q]
        }
        return eiselLemire(w, q)
    }

    /// The Eisel–Lemire algorithm for binary64, as in fast_float's `compute_float`, without its
    /// subnormal and infinity branches (those go to `strtod`).
    @inline(__always)
    static func eiselLemire(_ significand: UInt64, _ q: Int) -> Double? {
        guard q >= -342, q <= 308 else { return nil }
        let leadingZeros = significand.leadingZeroBitCount
        let w = significand << UInt64(leadingZeros)
        let index = 2 * (q + 342)
        var (high, low) = powersOfFive128.withUnsafeBufferPointer { table in
            w.multipliedFullWidth(by: table[index])
        }
        // 9 = 64 − 52 − 3: the bits below the mantissa, its rounding bit and one spare.
        let precisionMask: UInt64 = 0x1FF
        if high & precisionMask == precisionMask {
            let second = powersOfFive128.withUnsafeBufferPointer { table in
                w.multipliedFullWidth(by: table[index + 1]).high
            }
            low &+= second
            if second > low { high &+= 1 }
            // fast_float's original guard, kept for safety: an inconclusive product.
            if low == UInt64.max, q < -27 || q > 55 { return nil }
        }
        let upperBit = Int(high >> 63)
        let shift = UInt64(upperBit + 9)
        var mantissa = high >> shift
        // floor(q × log2(10)) + 63, plus the bias 1023.
        var power2 = (((152170 + 65536) * q) >> 16) + 63 + upperBit - leadingZeros + 1023
        guard power2 > 0 else { return nil }  // subnormal: strtod
        // Exactly halfway between two doubles: round to even, not up.
        if low <= 1, q >= -4, q <= 23, mantissa & 3 == 1, mantissa << shift == high {
            mantissa &= ~1
        }
        mantissa += mantissa & 1
        mantissa >>= 1
        if mantissa >= 2 << 52 {
            mantissa = 1 << 52
            power2 += 1
        }
        mantissa &= ~(1 << 52)
        guard power2 < 0x7FF else { return nil }  // overflow: strtod
        return Double(bitPattern: mantissa | UInt64(power2) << 52)
    }

    /// The correctly rounded value of validated JSON number text, through the C library.
    static func strtodValue(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, length: Int) -> Double {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: length + 1) { buffer in
            for index in 0..<length {
                buffer[index] = CChar(bitPattern: bytes[start + index])
            }
            buffer[length] = 0
            return strtod(buffer.baseAddress!, nil)
        }
    }
}
