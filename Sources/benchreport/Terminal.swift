import Foundation

enum StandardError {
    static func print(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    static var isTerminal: Bool { isatty(STDERR_FILENO) == 1 }
}

/// A one-line progress count on standard error, only when it is a terminal and the work is
/// long enough to wait for.
final class ProgressLine: @unchecked Sendable {
    private let label: String
    private let enabled = StandardError.isTerminal && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    private var shown = false

    init(label: String) {
        self.label = label
    }

    func update(_ done: Int, of total: Int) {
        guard enabled, total >= 20, done == total || done % 10 == 0 else { return }
        FileHandle.standardError.write(Data("\rbenchreport: \(label) \(done)/\(total) files".utf8))
        shown = true
    }

    func finish() {
        guard shown else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        shown = false
    }
}

/// Writes a file so that readers see the old content or the new, never a part: a temporary
/// file in the same folder, flushed to disk, then renamed over the target.
enum AtomicFile {
    struct WriteError: Error, CustomStringConvertible {
        var description: String
    }

    static func write(_ data: Data, to path: String) throws {
        try write(to: path) { writer in try writer.append(data) }
    }

    /// Writes `path` in parts as `body` appends them to the writer: the file appears whole once
    /// `body` is done, or is left as it was when anything throws.
    static func write(to path: String, _ body: (Writer) throws -> Void) throws {
        let writer = try Writer(path: path)
        do {
            try body(writer)
            try writer.commit()
        } catch {
            writer.abandon()
            throw error
        }
    }

    /// A file written in parts, which appears whole at ``commit()`` (or not at all).
    final class Writer {
        private let path: String
        /// Nil when the target is written in place.
        private let temporary: String?
        private var descriptor: Int32

        init(path: String) throws {
            self.path = path
            var status = stat()
            if stat(path, &status) == 0, (status.st_mode & S_IFMT) != S_IFREG {
                // A device or a pipe (`-o /dev/stdout`, a FIFO) is written in place: renaming a
                // temporary file over it would replace the device itself.
                guard (status.st_mode & S_IFMT) != S_IFDIR else { throw WriteError(description: "is a folder") }
                temporary = nil
                descriptor = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC)
            } else {
                let url = URL(fileURLWithPath: path)
                let folder = url.deletingLastPathComponent().path
                let temporary = folder + "/.\(url.lastPathComponent).benchreport-\(getpid()).tmp"
                self.temporary = temporary
                descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            }
            guard descriptor >= 0 else { throw WriteError(description: String(cString: strerror(errno))) }
        }

        func append(_ data: Data) throws {
            try data.withUnsafeBytes { buffer in
                var written = 0
                while written < buffer.count {
                    let count = Foundation.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                    if count < 0 {
                        if errno == EINTR { continue }
                        throw WriteError(description: String(cString: strerror(errno)))
                    }
                    written += count
                }
            }
        }

        /// Flushes the file to disk and puts it in place.
        func commit() throws {
            defer { descriptor = -1 }
            guard let temporary else {
                close(descriptor)
                return
            }
            var failure: String?
            if fsync(descriptor) != 0 { failure = String(cString: strerror(errno)) }
            close(descriptor)
            if failure == nil, rename(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
            if let failure {
                unlink(temporary)
                throw WriteError(description: failure)
            }
        }

        /// Drops what was written: the target keeps its old content.
        func abandon() {
            guard descriptor >= 0 else { return }
            close(descriptor)
            descriptor = -1
            if let temporary { unlink(temporary) }
        }
    }
}
