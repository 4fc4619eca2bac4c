/// A `.commands` file that vLLM's `run-performance-benchmarks.sh` writes beside each result:
/// the server and client command lines and the accelerator type.
public struct CommandsSidecar: Sendable, Equatable {
    /// `server_command`, `client_command`, `latency_command`, … as written.
    public var commands: [String: String] = [:]
    /// `gpu_type`: one line per device (`"H100\nH100"`).
    public var gpuType: String?

    public init(commands: [String: String] = [:], gpuType: String? = nil) {
        self.commands = commands
        self.gpuType = gpuType
    }

    /// Reads the sidecar's JSON object; keys that are not strings are ignored.
    public init(fields: RecordFields) {
        for key in fields.keys {
            guard case .string(let value) = fields[key] else { continue }
            if key == "gpu_type" {
                gpuType = value
            } else if key.hasSuffix("_command") {
                commands[key] = value
            }
        }
    }

    /// `2xH100` from `"H100\nH100"`: the count of devices and the first name, as vLLM's
    /// converter shows it.
    public var hardware: String? {
        guard let gpuType else { return nil }
        let lines = gpuType.split(whereSeparator: \.isNewline)
            .map { $0.trimmed(of: " \t\r") }
            .filter { !$0.isEmpty }
        guard let first = lines.first else { return nil }
        return "\(lines.count)x\(first)"
    }

    /// The model the commands run: `vllm serve <model>` or `--model <model>`.
    public var model: String? {
        for key in ["server_command", "client_command", "latency_command", "throughput_command"] {
            guard let command = commands[key] else { continue }
            let words = ShellWords.split(command)
            if let model = ShellWords.value(of: ["--model", "-m"], in: words) { return model }
            if let serve = words.firstIndex(of: "serve"), serve > 0,
                words[serve - 1].hasSuffix("vllm"), serve + 1 < words.count,
                !words[serve + 1].hasPrefix("-")
            {
                return words[serve + 1]
            }
        }
        return nil
    }

    /// The client's `--dataset-name` with its lengths for synthetic data: `sharegpt`,
    /// `random 128/128` (input/output tokens).
    public var dataset: String? {
        for key in ["client_command", "latency_command", "throughput_command"] {
            guard let command = commands[key] else { continue }
            let words = ShellWords.split(command)
            guard let name = ShellWords.value(of: ["--dataset-name"], in: words) else { continue }
            let input = ShellWords.value(of: ["--\(name)-input-len", "--input-len"], in: words)
            let output = ShellWords.value(of: ["--\(name)-output-len", "--output-len"], in: words)
            if let input, let output { return "\(name) \(input)/\(output)" }
            return name
        }
        return nil
    }

    /// `--tensor-parallel-size` (or `-tp`) of the server, or of the offline command.
    public var tensorParallelSize: Int? {
        for key in ["server_command", "latency_command", "throughput_command"] {
            guard let command = commands[key] else { continue }
            let words = ShellWords.split(command)
            if let value = ShellWords.value(of: ["--tensor-parallel-size", "-tp"], in: words),
                let size = Int(value)
            {
                return size
            }
        }
        return nil
    }
}

/// Just enough of POSIX shell word splitting for recorded command lines: blanks separate words,
/// single and double quotes group them, a backslash escapes the next character.
enum ShellWords {
    static func split(_ command: String) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for character in command {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" && quote != "'" {
                escaped = true
                inWord = true
            } else if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "'" || character == "\"" {
                quote = character
                inWord = true
            } else if character.isWhitespace {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(character)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }

    /// The value of the first of `flags` present, as `--flag value` or `--flag=value`.
    static func value(of flags: [String], in words: [String]) -> String? {
        for (index, word) in words.enumerated() {
            for flag in flags {
                if word == flag, index + 1 < words.count { return words[index + 1] }
                if word.hasPrefix(flag + "=") { return String(word.dropFirst(flag.count + 1)) }
            }
        }
        return nil
    }
}

extension StringProtocol {
    func trimmed(of set: String) -> String {
        var text = Substring(self)
        while let first = text.first, set.contains(first) { text = text.dropFirst() }
        while let last = text.last, set.contains(last) { text = text.dropLast() }
        return String(text)
    }
}
