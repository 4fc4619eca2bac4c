internal import CCmarkGFM
import Synchronization

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

    /// cmark-gfm is not safe to call from two threads at once: registering the core extensions
    /// writes a global list, and every parser adds its inline extensions' trigger characters
    /// (`~` for strikethrough, `w` and `:` for autolinks) to a table the whole process shares,
    /// then removes them when it finishes, under any other parser still at work. So one parse
    /// and render at a time; the lock also guards the one-time registration.
    private static let library: Mutex<Bool> = Mutex(false)

    public static func html(from markdown: String) -> String {
        library.withLock { registered in
            if !registered {
                cmark_gfm_core_extensions_ensure_registered()
                registered = true
            }
            return render(markdown)
        }
    }

    /// Call only under `library`'s lock.
    private static func render(_ markdown: String) -> String {
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
