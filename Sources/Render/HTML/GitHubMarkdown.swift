internal import CCmarkGFM

#if canImport(Glibc)
    import Glibc
#endif

/// Markdown to HTML the way GitHub renders it, through GitHub's own library, cmark-gfm.
///
/// The only file that touches the C API. Safe mode only: raw HTML in the Markdown is replaced by
/// a comment and `javascript:` links are emptied, so text from result files can never become
/// markup even if an escape were missed. HTML the renderer makes itself (charts, `<details>`)
/// goes into the page through the templates, not through here.
public enum GitHubMarkdown {
    /// The GFM extensions GitHub uses for comments.
    static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter"]

    /// Registering the core extensions is not thread-safe: a `static let` runs it exactly once.
    private static let registered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    public static func html(from markdown: String) -> String {
        _ = registered
        // `style="text-align: right"` rather than the obsolete `align` attribute.
        let options = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES
        guard let parser = cmark_parser_new(options) else { return "" }
        defer { cmark_parser_free(parser) }
        for name in extensionNames {
            if let syntaxExtension = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, syntaxExtension)
            }
        }
        var bytes = Array(markdown.utf8)
        bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { characters in
                cmark_parser_feed(parser, characters.baseAddress, characters.count)
            }
        }
        guard let document = cmark_parser_finish(parser) else { return "" }
        defer { cmark_node_free(document) }
        // The renderer needs the extension list too: tagfilter acts only there.
        guard let rendered = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser)) else {
            return ""
        }
        defer { free(rendered) }
        return String(cString: rendered)
    }
}
