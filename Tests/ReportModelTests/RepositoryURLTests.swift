import Testing

@testable import ReportModel

/// The repository address a history keeps for links: every spelling of a git remote, without
/// credentials, and nothing that could be more than an address.
@Suite struct RepositoryURLTests {
    @Test(arguments: [
        ("https://github.com/vllm-project/vllm", "https://github.com/vllm-project/vllm"),
        ("https://github.com/vllm-project/vllm.git", "https://github.com/vllm-project/vllm"),
        ("https://github.com/vllm-project/vllm/", "https://github.com/vllm-project/vllm"),
        ("  https://GitHub.com/vllm-project/vllm-ascend.git\n", "https://github.com/vllm-project/vllm-ascend"),
        ("git@github.com:vllm-project/vllm.git", "https://github.com/vllm-project/vllm"),
        ("ssh://git@github.com:22/vllm-project/vllm.git", "https://github.com/vllm-project/vllm"),
        ("git+ssh://git@github.com/org/repo", "https://github.com/org/repo"),
        ("https://x-access-token:ghs_abc@github.com/org/repo.git", "https://github.com/org/repo"),
        ("https://user@ghe.example.com:8443/org/repo", "https://ghe.example.com:8443/org/repo"),
        ("http://gitea.local/org/repo", "http://gitea.local/org/repo"),
        ("git@gitlab.com:group/sub/project.git", "https://gitlab.com/group/sub/project"),
    ])
    func remotesBecomeWebAddresses(remote: String, expected: String) {
        #expect(RepositoryURL(remote: remote)?.description == expected)
    }

    @Test(arguments: [
        "", "/work/main", "../vllm", "file:///srv/git/vllm.git", "javascript:alert(1)", "https://github.com",
        "https://github.com/onlyowner", "https://github.com/org/repo with space", "https://github.com/org/\"repo\"",
        "https://github.com/org/<script>", "https://github.com/org/../../evil", "git@:org/repo", "https://-x.com/a/b",
        "https://github.com/org//repo", "ftp://github.com/org/repo", "https://github.com/org/repo?x=1",
        "https://github.com/org/./repo",
        "https://github.com/org/ré", "myserver:repo.git",
    ])
    func otherTextIsNoAddress(remote: String) {
        #expect(RepositoryURL(remote: remote) == nil, "\(remote)")
    }

    @Test func linksToCommitsAndRanges() throws {
        let github = try #require(RepositoryURL(remote: "git@github.com:vllm-project/vllm.git"))
        #expect(github.commit("a3d2e32cf767") == "https://github.com/vllm-project/vllm/commit/a3d2e32cf767")
        #expect(
            github.compare("f5209b45f930", "a3d2e32cf767")
                == "https://github.com/vllm-project/vllm/compare/f5209b45f930...a3d2e32cf767")
        // Only commit ids make links: a commit given as "v0.11.0" or "HEAD~1" makes none.
        #expect(github.commit("v0.11.0") == nil && github.compare("HEAD~1", "a3d2e32c") == nil)
        let gitlab = try #require(RepositoryURL(remote: "https://gitlab.example.org/group/project"))
        #expect(gitlab.commit("abcdef12") == "https://gitlab.example.org/group/project/-/commit/abcdef12")
        #expect(gitlab.compare("abcd", "ef01") == "https://gitlab.example.org/group/project/-/compare/abcd...ef01")
    }
}
