/// The size limits of a GitHub comment, and the fitting of a document into them by dropping
/// whole blocks, least important first.
public struct CommentBudget: Sendable {
    /// GitHub refuses comment bodies over 65,536 characters.
    public var characters: Int
    /// …and over 262,144 bytes of UTF-8.
    public var bytes: Int

    public static let gitHubComment = CommentBudget(characters: 65_536, bytes: 262_144)

    public init(characters: Int, bytes: Int) {
        self.characters = characters
        self.bytes = bytes
    }

    /// Whether `text` fits. Characters are counted in UTF-16 units, which is never fewer than
    /// code points or grapheme clusters, however GitHub counts.
    public func fits(_ text: String) -> Bool {
        text.utf16.count <= characters && text.utf8.count <= bytes
    }
}

/// One piece of a Markdown document, kept or dropped whole.
public struct MarkdownBlock: Sendable {
    public var text: String
    /// Nil for blocks that are not dropped on their own; otherwise lower is dropped first.
    public var importance: Int?
    /// What the block is, for the notice that lists what was left out ("throughput of Qwen3-8B").
    public var label: String
    /// Blocks that belong together, such as a model's section: a block of the group without an
    /// importance (its heading, its `<details>` tags) is dropped once every other block of the
    /// group is.
    public var group: Int?

    public init(_ text: String, importance: Int? = nil, label: String = "", group: Int? = nil) {
        self.text = text
        self.importance = importance
        self.label = label
        self.group = group
    }
}

extension CommentBudget {
    /// Joins the blocks; when they do not fit, drops blocks (lowest importance first, later
    /// blocks before earlier ones of the same importance) and puts a notice that names what was
    /// left out before block `noticePosition`.
    public func fit(
        _ blocks: [MarkdownBlock], noticePosition: Int, notice: ([String]) -> String
    ) -> String {
        let whole = blocks.map(\.text).joined()
        guard !fits(whole) else { return whole }

        let dropOrder = blocks.indices
            .filter { blocks[$0].importance != nil }
            .sorted { (blocks[$0].importance!, -$0) < (blocks[$1].importance!, -$1) }
        var dropped = Set<Int>()
        var keptInGroup: [Int: Int] = [:]
        for block in blocks where block.importance != nil {
            if let group = block.group { keptInGroup[group, default: 0] += 1 }
        }
        var sizeUTF16 = whole.utf16.count
        var sizeUTF8 = whole.utf8.count
        func drop(_ index: Int) {
            dropped.insert(index)
            sizeUTF16 -= blocks[index].text.utf16.count
            sizeUTF8 -= blocks[index].text.utf8.count
        }
        func droppedLabels() -> [String] {
            blocks.indices.filter { dropped.contains($0) && blocks[$0].importance != nil }
                .map { blocks[$0].label }
        }
        for index in dropOrder {
            drop(index)
            if let group = blocks[index].group {
                keptInGroup[group, default: 0] -= 1
                if keptInGroup[group] == 0 {
                    for frame in blocks.indices where blocks[frame].group == group && blocks[frame].importance == nil {
                        drop(frame)
                    }
                }
            }
            let noticeText = notice(droppedLabels())
            if sizeUTF16 + noticeText.utf16.count <= characters && sizeUTF8 + noticeText.utf8.count <= bytes {
                break
            }
        }
        let noticeText = notice(droppedLabels())
        var output = ""
        for index in blocks.indices {
            if index == noticePosition { output += noticeText }
            if !dropped.contains(index) { output += blocks[index].text }
        }
        if noticePosition >= blocks.count { output += noticeText }
        return output
    }
}

extension CommentBudget {
    /// The note that stands where sections were left out: how many, which (the first dozen),
    /// and which output has them all.
    public static func omissionNotice(_ labels: [String], fullOutput: String) -> String {
        guard !labels.isEmpty else { return "" }
        // Labels carry model ids and test names from the files: shortened, so that a huge one
        // cannot make the notice itself overflow the limit it is there to keep.
        let shown = labels.prefix(12)
            .map { Escape.markdown($0.count > 100 ? $0.prefix(100) + "…" : $0) }
            .joined(separator: "; ")
        let more = labels.count > 12 ? "; and \(labels.count - 12) more" : ""
        return "> [!NOTE]\n> \(plural(labels.count, "section")) left out to fit GitHub's comment limit: "
            + "\(shown)\(more). \(fullOutput) show everything.\n\n"
    }
}
