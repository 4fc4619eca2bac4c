/// A file, or one line of a JSON Lines file, that could not be read or understood.
public struct Problem: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Path relative to the results folder.
    public var file: String
    /// 1-based line, for one record of a JSON Lines file.
    public var line: Int?
    /// What is wrong, lower-case, naming the key where there is one.
    public var message: String

    public init(file: String, line: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `serving_x.json:3: message`, as printed on stderr after the folder path.
    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }

    public static func < (lhs: Problem, rhs: Problem) -> Bool {
        (lhs.file, lhs.line ?? 0, lhs.message) < (rhs.file, rhs.line ?? 0, rhs.message)
    }
}

/// A file in the folder that is deliberately not read as a result: a sidecar, a converter's
/// output, another format.
public struct SkippedFile: Sendable, Hashable, Comparable {
    /// Path relative to the results folder.
    public var file: String
    public var reason: String
    /// A `.commands` sidecar whose facts went into its result: left out as a result, not unused.
    public var readWithResult: Bool

    public init(file: String, reason: String, readWithResult: Bool = false) {
        self.file = file
        self.reason = reason
        self.readWithResult = readWithResult
    }

    public static func < (lhs: SkippedFile, rhs: SkippedFile) -> Bool {
        lhs.file < rhs.file
    }
}
