import Foundation
import ReportModel

/// Where a run's commit, branch, date and repository come from when the command line does not
/// say: the CI's environment, then `git` in the current folder, then (for the date) the results
/// themselves. Each value carries its source, so the command can say what it used.
struct RunOrigin {
    struct Sourced {
        var value: String
        var source: String
    }

    var commit: Sourced?
    var branch: Sourced?
    var date: Sourced?

    /// CI variables that name the commit and the branch, in the order they are tried.
    static let commitVariables = ["GITHUB_SHA", "BUILDKITE_COMMIT"]
    static let branchVariables = ["GITHUB_REF_NAME", "BUILDKITE_BRANCH"]

    /// Resolves each value from the first source that knows it. `resultDates` are the results'
    /// own `date` metadata, already normalised.
    static func resolve(
        commit: String?, branch: String?, date: String?, resultDates: [String],
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> RunOrigin {
        var origin = RunOrigin()
        func fromEnvironment(_ names: [String]) -> Sourced? {
            for name in names {
                if let value = environment[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty {
                    return Sourced(value: value, source: name)
                }
            }
            return nil
        }
        // One git call answers all three for HEAD (each process costs tens of milliseconds).
        let needsGit =
            (commit == nil && fromEnvironment(commitVariables) == nil)
            || (branch == nil && fromEnvironment(branchVariables) == nil) || date == nil
        let head = needsGit ? GitHead.current() : nil
        origin.commit =
            commit.map { Sourced(value: $0, source: "--commit") } ?? fromEnvironment(commitVariables)
            ?? head.map { Sourced(value: $0.commit, source: "git HEAD") }
        origin.branch =
            branch.map { Sourced(value: $0, source: "--branch") } ?? fromEnvironment(branchVariables)
            ?? head?.branch.map { Sourced(value: $0, source: "git HEAD's branch") }
        if let date {
            origin.date = Sourced(value: date, source: "--date")
        } else if let commit = origin.commit?.value,
            let committed = commit == head?.commit
                ? head?.date : Git.output(["show", "-s", "--format=%cI", commit + "^{commit}"]),
            let normalised = HistoryDate.normalised(committed)
        {
            origin.date = Sourced(value: normalised, source: "the commit's date (git)")
        } else if let earliest = resultDates.min() {
            origin.date = Sourced(value: earliest, source: "the results' date")
        }
        return origin
    }

    /// The repository's web address from `GITHUB_SERVER_URL` and `GITHUB_REPOSITORY`, else
    /// `BUILDKITE_REPO`, else the current folder's `origin` remote; nil when none is a remote
    /// ``RepositoryURL`` understands.
    static func repository(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> (url: RepositoryURL, source: String)? {
        if let server = environment["GITHUB_SERVER_URL"], let name = environment["GITHUB_REPOSITORY"],
            let url = RepositoryURL(remote: "\(server)/\(name)")
        {
            return (url, "GITHUB_SERVER_URL/GITHUB_REPOSITORY")
        }
        if let remote = environment["BUILDKITE_REPO"], let url = RepositoryURL(remote: remote) {
            return (url, "BUILDKITE_REPO")
        }
        if let remote = Git.output(["remote", "get-url", "origin"]), let url = RepositoryURL(remote: remote) {
            return (url, "git remote origin")
        }
        return nil
    }
}

/// The current folder's checked-out commit, its committer date and its branch (nil when
/// detached), from one `git log -1 --format=%H%n%cI%n%D HEAD`.
struct GitHead {
    var commit: String
    var date: String
    var branch: String?

    static func current() -> GitHead? {
        guard let text = Git.output(["log", "-1", "--format=%H%n%cI%n%D", "HEAD"]) else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count >= 2, !lines[0].isEmpty else { return nil }
        // %D starts with "HEAD -> branch" on a branch, with "HEAD" alone when detached.
        let refs = lines.count > 2 ? lines[2] : ""
        var branch: String?
        if refs.hasPrefix("HEAD -> ") {
            branch = String(refs.dropFirst("HEAD -> ".count).prefix { $0 != "," })
        }
        return GitHead(commit: lines[0], date: lines[1], branch: branch)
    }
}

/// Runs `git` in the current folder, quietly: nil when git is missing, fails or says nothing.
enum Git {
    static func output(_ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        // Foundation's `waitUntilExit` polls a run loop every 50 ms on Linux, which cost each
        // git call 50 ms of waiting; the termination handler is called as soon as git exits.
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        exited.wait()
        guard process.terminationStatus == 0 else { return nil }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}
