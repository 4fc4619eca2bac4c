internal import Foundation
import Mustache

/// A template that could not be read or parsed, with where.
public struct TemplateError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var line: Int?
    public var column: Int?
    public var message: String

    /// `templates/page.mustache:12:5: a section is not closed`, as compilers print it.
    public var description: String {
        var location = path
        if let line { location += ":\(line)" }
        if let column { location += ":\(column)" }
        return "\(location): \(message)"
    }
}

/// The page templates: Mustache, escaped by default, with the built-in set compiled into the
/// binary (``DefaultTemplates``) and each one replaceable by a user's copy.
public struct PageTemplates: Sendable {
    /// The templates a page uses; `page` is the entry point, the others are its partials.
    public static let names = ["page", "model", "figure", "style"]

    let library: MustacheLibrary

    /// The templates compiled into the binary. A test keeps them parseable and in step with
    /// the `templates/` folder.
    public static let builtIn: PageTemplates = {
        do {
            return try PageTemplates(sources: DefaultTemplates.all.map { ($0.key, $0.value, "built-in \($0.key)") })
        } catch {
            preconditionFailure("the built-in templates do not parse: \(error)")
        }
    }()

    /// The templates in `directory` (`page.mustache`, `model.mustache`, …); a name the folder
    /// does not have keeps its built-in template.
    public static func load(from directory: String) throws(TemplateError) -> PageTemplates {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isFolder), isFolder.boolValue else {
            throw TemplateError(path: directory, message: "no such folder")
        }
        var sources: [(String, String, String)] = []
        for name in names {
            let path = (directory as NSString).appendingPathComponent(name + ".mustache")
            if FileManager.default.fileExists(atPath: path) {
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw TemplateError(path: path, message: "cannot be read")
                }
                sources.append((name, String(decoding: data, as: UTF8.self), path))
            } else if let builtIn = DefaultTemplates.all[name] {
                sources.append((name, builtIn, "built-in \(name)"))
            }
        }
        guard sources.contains(where: { !$0.2.hasPrefix("built-in ") }) else {
            throw TemplateError(
                path: directory,
                message: "no templates here (expected \(names.map { $0 + ".mustache" }.joined(separator: ", ")))")
        }
        return try PageTemplates(sources: sources)
    }

    private init(sources: [(name: String, text: String, path: String)]) throws(TemplateError) {
        var library = MustacheLibrary()
        for source in sources {
            do {
                library.register(try MustacheTemplate(string: source.text), named: source.name)
            } catch let error as MustacheTemplate.ParserError {
                throw TemplateError(
                    path: source.path, line: error.context.lineNumber, column: error.context.columnNumber,
                    message: Self.describe(error.error))
            } catch {
                throw TemplateError(path: source.path, message: "\(error)")
            }
        }
        self.library = library
    }

    /// Renders the page template with a view whose stored properties the template reads.
    func render(_ view: Any) -> String {
        library.render(view, withTemplate: "page") ?? ""
    }

    private static func describe(_ error: Error) -> String {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect: "this closing tag does not match the open section"
        case .unfinishedName: "a tag is not finished"
        case .expectedSectionEnd: "a section is not closed"
        case .invalidSetDelimiter: "a set-delimiter tag is malformed"
        case .transformAppliedToInheritanceSection: "a transform cannot apply to an inherited section"
        case .illegalTokenInsideInheritSection: "a tag is not allowed inside an inherited section"
        case .textInsideInheritSection: "text is not allowed inside an inherited section"
        case .invalidConfigVariableSyntax: "a configuration tag is malformed"
        case .unrecognisedConfigVariable: "an unknown configuration variable"
        case nil: "\(error)"
        }
    }
}
