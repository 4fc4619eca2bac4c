/// A model as results name it (`--model` exactly as given: an HF id or a local path) and as
/// people recognise it.
///
/// Local paths of the two model caches become the id they hold, so a cache path and its HF id
/// are one model:
/// - ModelScope, `…/modelscope/models/ORG/NAME` or `…/modelscope/hub[/models]/ORG/NAME`, which
///   writes `.` as `___` (`Qwen2___5-7B-Instruct` is `Qwen2.5-7B-Instruct`);
/// - Hugging Face, `…/models--ORG--NAME[/snapshots/<hash>…]`.
///
/// Any other path keeps its path as ``id``, so two checkpoints that end in the same folder name
/// stay two models, and shows its last component (never a snapshot hash). A `\` is a character,
/// not a separator: the results come from Linux machines.
public struct ModelName: Sendable, Equatable {
    /// The model as the result gave it.
    public var raw: String
    /// What results are grouped and paired by: `ORG/NAME` for a cache path, an HF id as it is,
    /// any other path without its trailing slashes.
    public var id: String
    /// The name people recognise: ``id``, or the last component of a path in no known layout.
    public var displayName: String

    public init(_ raw: String) {
        self.raw = raw
        var trimmed = Substring(raw)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        let components = trimmed.split(separator: "/").map(String.init)
        if let cached = Self.huggingFaceCache(components) ?? Self.modelScopeCache(components) {
            id = cached
            displayName = cached
        } else if Self.isPath(trimmed, components: components) {
            id = String(trimmed)
            displayName = Self.lastMeaningfulComponent(components) ?? id
        } else {
            id = String(trimmed)
            displayName = id
        }
    }

    /// Folders of caches and checkouts, never an organisation: `models/llama` is a path.
    static let cacheFolders: Set<String> = ["models", "hub", "snapshots", "modelscope", "huggingface", ".cache"]

    /// A leading `/`, `.` or `~`, more than one `/`, or a cache folder first: an HF id is
    /// `NAME` or `ORG/NAME`.
    private static func isPath(_ text: Substring, components: [String]) -> Bool {
        text.hasPrefix("/") || text.hasPrefix(".") || text.hasPrefix("~") || components.count > 2
            || (components.count == 2 && cacheFolders.contains(components[0]))
    }

    /// `models--ORG--NAME` anywhere in the path, whatever follows it (`snapshots/<hash>/…`).
    private static func huggingFaceCache(_ components: [String]) -> String? {
        for component in components where component.hasPrefix("models--") {
            let parts = component.dropFirst("models--".count).split(separator: "--", maxSplits: 1)
            if parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty {
                return "\(parts[0])/\(parts[1])"
            }
            if parts.count == 1, !parts[0].isEmpty {
                return String(parts[0])  // A model without an organisation: `models--gpt2`.
            }
        }
        return nil
    }

    /// The two components after `modelscope/models`, `modelscope/hub` or `modelscope/hub/models`.
    private static func modelScopeCache(_ components: [String]) -> String? {
        guard let root = components.lastIndex(of: "modelscope") else { return nil }
        var index = root + 1
        var sawCacheFolder = false
        while index < components.count, ["hub", "models"].contains(components[index]) {
            index += 1
            sawCacheFolder = true
        }
        guard sawCacheFolder, index + 1 < components.count else { return nil }
        let organisation = components[index].replacingTripleUnderscores
        let name = components[index + 1].replacingTripleUnderscores
        return "\(organisation)/\(name)"
    }

    /// The last component, or the one before `snapshots/<hash>`: a hash is no name.
    private static func lastMeaningfulComponent(_ components: [String]) -> String? {
        var meaningful = components.filter { $0 != "." }
        if meaningful.count >= 2, meaningful[meaningful.count - 2] == "snapshots" {
            meaningful.removeLast(2)
        } else if meaningful.last == "snapshots" {
            meaningful.removeLast()
        }
        return meaningful.last
    }
}

extension String {
    /// ModelScope's cache writes `.` in a name as `___`.
    fileprivate var replacingTripleUnderscores: String {
        var result = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: "___") {
            result += rest[..<range.lowerBound] + "."
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
