import ArgumentParser
import Foundation
import ReportModel

/// The results folder and how strictly to read it, shared by every command.
struct ReadOptions: ParsableArguments {
    @Argument(help: "The results folder.", completion: .directory)
    var results: String

    @Flag(help: "Exit with status 2 when any file has a problem, not only when nothing could be read.")
    var strict = false

    /// Reads the folder, prints its problems on standard error, and stops with status 2 when
    /// there is nothing to report (or, with --strict, anything wrong).
    /// `beforeFailing` gets a folder without results before the command stops, so that `json`
    /// can still write what it read (empty `results`, with `problems` and `skipped`).
    func readFolder(keepsRequests: Bool = false, beforeFailing: (ResultFolder) -> Void = { _ in }) throws
        -> ResultFolder
    {
        try Self.readFolder(results, strict: strict, keepsRequests: keepsRequests, beforeFailing: beforeFailing)
    }

    static func readFolder(
        _ path: String, strict: Bool, keepsRequests: Bool = false, beforeFailing: (ResultFolder) -> Void = { _ in }
    ) throws -> ResultFolder {
        let progress = ProgressLine(label: "reading \(path)")
        let folder: ResultFolder
        do {
            folder = try FolderReader.read(path, keepsRequests: keepsRequests) { done, total in
                progress.update(done, of: total)
            }
        } catch {
            progress.finish()
            StandardError.print("benchreport: \(error)")
            throw ExitCode(2)
        }
        progress.finish()
        let shownPath = path.hasSuffix("/") ? String(path.dropLast()) : path
        for problem in folder.problems {
            StandardError.print(printable("\(shownPath)/\(problem)"))
        }
        if folder.results.isEmpty {
            StandardError.print(
                "benchreport: \(shownPath): no benchmark results found "
                    + "(\(folder.problems.count) problems, \(folder.skipped.count) files skipped)")
            beforeFailing(folder)
            throw ExitCode(2)
        }
        if strict && !folder.problems.isEmpty {
            StandardError.print("benchreport: \(shownPath): \(folder.problems.count) problems (--strict)")
            throw ExitCode(2)
        }
        return folder
    }
}

/// `text` with its control characters written as `\u{1B}`: file names and messages come from
/// the files, and must neither break a problem's line nor drive the terminal.
func printable(_ text: String) -> String {
    var output = ""
    for scalar in text.unicodeScalars {
        if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar == "\u{2028}" || scalar == "\u{2029}" {
            output += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        } else {
            output.unicodeScalars.append(scalar)
        }
    }
    return output
}

/// Where a command writes its text.
struct OutputOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "Write to this file instead of standard output ('-' is standard output).")
    var output: String?

    /// Writes the whole text at once: a file is replaced atomically, never left half written.
    func write(_ text: String) throws {
        try Self.write(text, to: output)
    }

    /// Writes text in parts as `body` produces it: standard output sees it as it comes; a file
    /// appears whole once `body` is done, or is left as it was.
    func write(streaming body: (_ append: (String) throws -> Void) throws -> Void) throws {
        try Self.write(to: output, streaming: body)
    }

    static func write(_ text: String, to output: String?) throws {
        try write(to: output) { append in try append(text) }
    }

    /// Standard output for nil or `-`, else the file, written atomically (``AtomicFile``); a
    /// file that cannot be written is trouble (status 2).
    static func write(to output: String?, streaming body: (_ append: (String) throws -> Void) throws -> Void) throws {
        guard let output, output != "-" else {
            try body { FileHandle.standardOutput.write(Data($0.utf8)) }
            return
        }
        do {
            try AtomicFile.write(to: output) { writer in try body { try writer.append(Data($0.utf8)) } }
        } catch let error as AtomicFile.WriteError {
            StandardError.print("benchreport: \(output): \(error)")
            throw ExitCode(2)
        }
    }
}

/// Writes the files of a report folder, each atomically, creating the folder if needed.
struct ReportFolderWriter {
    var path: String

    func write(_ files: [String: String]) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            for name in files.keys.sorted() {
                // Names are the renderer's own (`index.html`, `models/<slug>.html`), never a file's text.
                if let slash = name.lastIndex(of: "/") {
                    try FileManager.default.createDirectory(
                        atPath: path + "/" + name[..<slash], withIntermediateDirectories: true)
                }
                try AtomicFile.write(Data(files[name]!.utf8), to: path + "/" + name)
            }
        } catch {
            StandardError.print("benchreport: \(path): \(error)")
            throw ExitCode(2)
        }
    }
}
