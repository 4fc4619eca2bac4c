import ArgumentParser

@main
struct BenchReport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "benchreport",
        abstract: "Turn a folder of vLLM benchmark results into a PR comment, a report, or JSON.",
        discussion: """
            RESULTS is the folder that run-performance-benchmarks.sh or `vllm bench serve|latency|\
            throughput` wrote: serving_*_qps_*.json, latency_*.json, throughput_*.json, their \
            .commands sidecars and stray files, from any vLLM version. Files that cannot be read \
            are reported on standard error and every other file is still used.

            Exit status: 0 when at least one result was read; 2 when the folder is missing or \
            holds no result, or with --strict when any file had a problem.
            """,
        version: "0.1.0",
        subcommands: [
            MarkdownCommand.self, HTMLCommand.self, JSONCommand.self, DiffCommand.self, HistoryCommand.self,
        ]
    )
}
