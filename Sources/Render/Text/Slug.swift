/// Anchors the way GitHub makes them from headings, so links to a model's section survive
/// regeneration: lower case, letters, digits, `-` and `_` kept, spaces to `-`, the rest dropped;
/// a repeated slug gets `-1`, `-2`, ….
public struct Slugger {
    private var used: [String: Int] = [:]

    public init() {}

    public mutating func slug(_ text: String) -> String {
        var slug = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber || character == "-" || character == "_" {
                slug.append(character)
            } else if character == " " {
                slug.append("-")
            }
        }
        if slug.isEmpty { slug = "section" }
        let base = slug
        if let count = used[base] {
            slug = "\(base)-\(count)"
            used[base] = count + 1
        } else {
            used[base] = 1
        }
        return slug
    }
}
