/// The web address of the repository a history's commits belong to, so that a change point's
/// commit range and a run's commit can be links (`https://github.com/vllm-project/vllm`).
///
/// Made from what CI or git knows, a remote in any of git's spellings: `https://host/org/repo.git`,
/// `git@host:org/repo.git`, `ssh://git@host:22/org/repo`. Credentials in a remote (CI checkouts
/// often carry a token: `https://x-access-token:…@github.com/…`) are dropped and never stored.
/// Only plain host and path characters are accepted, so the address is safe in a Markdown link
/// and an HTML attribute as it is; anything else is no address, and no links.
public struct RepositoryURL: Sendable, Equatable, CustomStringConvertible {
    /// `https://host/path`, without a trailing `/` or `.git`.
    public let description: String
    let host: String

    public init?(remote: String) {
        var text = Substring(remote.trimmingCharacters(in: .whitespacesAndNewlines))
        var scheme = "https"
        if let range = text.range(of: "://") {
            let given = text[..<range.lowerBound].lowercased()
            guard ["https", "http", "ssh", "git", "git+ssh"].contains(given) else { return nil }
            if given == "http" { scheme = "http" }
            text = text[range.upperBound...]
            guard let slash = text.firstIndex(of: "/") else { return nil }
            var authority = text[..<slash]
            if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
            // An ssh port is not the web server's; an http(s) port is.
            if given != "https" && given != "http", let colon = authority.firstIndex(of: ":") {
                authority = authority[..<colon]
            }
            text = authority + text[slash...]
        } else {
            // scp-like: [user@]host:path
            guard let colon = text.firstIndex(of: ":") else { return nil }
            var host = text[..<colon]
            if let at = host.lastIndex(of: "@") { host = host[host.index(after: at)...] }
            text = host + "/" + text[text.index(after: colon)...].drop { $0 == "/" }
        }
        guard let slash = text.firstIndex(of: "/") else { return nil }
        let host = String(text[..<slash]).lowercased()
        var path = String(text[text.index(after: slash)...])
        while path.hasSuffix("/") { path.removeLast() }
        if path.hasSuffix(".git") { path.removeLast(4) }
        // At least owner and name, and no empty, "." or ".." segment.
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        guard Self.only(host, ".-:"), host.first?.isLetter == true || host.first?.isNumber == true,
            Self.only(path, "._~-/"), segments.count >= 2, !segments.contains(where: { $0.allSatisfy { $0 == "." } })
        else { return nil }
        self.host = host
        description = "\(scheme)://\(host)/\(path)"
    }

    /// GitLab keeps its pages under `/-/`; GitHub, Gitea and Forgejo use the plain paths.
    var pages: String { host.split(separator: ".").contains("gitlab") ? "\(description)/-" : description }

    /// The page of one commit; nil when `commit` is not a hexadecimal commit id.
    public func commit(_ commit: String) -> String? {
        Self.isCommitID(commit) ? "\(pages)/commit/\(commit)" : nil
    }

    /// The commits after `base` up to `head`; nil unless both are hexadecimal commit ids.
    public func compare(_ base: String, _ head: String) -> String? {
        Self.isCommitID(base) && Self.isCommitID(head) ? "\(pages)/compare/\(base)...\(head)" : nil
    }

    /// ASCII letters and digits, and the characters of `extra`.
    static func only(_ text: String, _ extra: String) -> Bool {
        text.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || extra.unicodeScalars.contains($0))
        }
    }

    static func isCommitID(_ text: String) -> Bool {
        (4...64).contains(text.utf8.count) && text.unicodeScalars.allSatisfy { $0.properties.isASCIIHexDigit }
    }
}
