import Testing

@testable import Render

/// Estimated text widths: what the legend and the axes lay out with.
@Suite struct TextMetricsTests {
    static let fontSize = ChartMetrics.fontSize

    @Test func wideCharactersTakeAFullEm() {
        #expect(TextMetrics.width(of: "base", fontSize: 10) == 4 * 6.2)
        // Chinese, Japanese, Korean and full-width forms: an em each, as fonts draw them.
        for text in ["基准", "構成", "배포", "ＧＰ"] {
            #expect(TextMetrics.width(of: text, fontSize: 10) == 20, "\(text)")
        }
        #expect(abs(TextMetrics.width(of: "gpu=基准", fontSize: 10) - (4 * 6.2 + 20)) < 1e-9)
        // Accented Latin and a combining accent are one ordinary character each.
        #expect(TextMetrics.width(of: "café", fontSize: 10) == TextMetrics.width(of: "cafe\u{301}", fontSize: 10))
    }

    @Test func truncationKeepsStartAndEndWithinTheWidth() {
        let name = "latency_llama8B_tp1_sharegpt_qps_16"
        let cut = TextMetrics.truncated(name, toWidth: 150, fontSize: Self.fontSize)
        #expect(cut == "latency_…_qps_16")
        #expect(TextMetrics.width(of: cut, fontSize: Self.fontSize) <= 150)
        #expect(TextMetrics.truncated("tp=8", toWidth: 150, fontSize: Self.fontSize) == "tp=8")
        // Wide characters are counted as wide: the cut text still fits.
        let wide = TextMetrics.truncated("構成=量子化fp8と基準の比較です", toWidth: 120, fontSize: Self.fontSize)
        #expect(wide.contains("…") && wide.hasPrefix("構") && wide.hasSuffix("す"))
        #expect(TextMetrics.width(of: wide, fontSize: Self.fontSize) <= 120)
        // Never less than a character of each end.
        #expect(TextMetrics.truncated("abcdef", toWidth: 1, fontSize: Self.fontSize) == "a…f")
    }

    @Test func wrappingBreaksAtSpacesAndInsideOnlyTooLongWords() {
        let width = 220.0
        let name = "base gpu=A100-SXM4-80GB kv_cache_dtype=fp8_e4m3 median"
        let lines = TextMetrics.wrapped(name, toWidth: width, fontSize: Self.fontSize)
        #expect(lines == ["base gpu=A100-SXM4-80GB", "kv_cache_dtype=fp8_e4m3", "median"])
        #expect(lines.joined(separator: " ") == name)
        for line in lines { #expect(TextMetrics.width(of: line, fontSize: Self.fontSize) <= width, "\(line)") }
        // A word longer than the line is broken where it reaches the edge; nothing is lost.
        let model = "meta-llama/Llama-3.1-405B-Instruct-FP8-dynamic"
        let broken = TextMetrics.wrapped(model, toWidth: width, fontSize: Self.fontSize)
        #expect(broken.map(\.count) == [23, 23] && broken.joined() == model)
        for line in broken { #expect(TextMetrics.width(of: line, fontSize: Self.fontSize) <= width) }
        #expect(TextMetrics.wrapped("head", toWidth: width, fontSize: Self.fontSize) == ["head"])
        #expect(TextMetrics.wrapped("", toWidth: width, fontSize: Self.fontSize) == [""])
    }
}
