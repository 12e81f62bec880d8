import ArgumentParser
import Foundation
import QuireConfig
import QuireSite
import QuireTemplates

struct Init: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Start a new site: quire.yaml, a first post with data and a chart, an about page and a .gitignore.")

    @Argument(help: "The folder for the site, new or empty (default: the current folder).") var folder: String?
    @Option(help: "The site's title.") var title: String?
    @Option(name: .customLong("base-url"), help: "Where the site will be published, e.g. https://example.org/.") var baseURL: String?

    func run() async throws {
        let target = URL(fileURLWithPath: folder ?? FileManager.default.currentDirectoryPath).standardizedFileURL
        do {
            let written = try NewSite.create(in: target, title: title, baseURL: baseURL, date: Date())
            Terminal.status("created a site in \(folder ?? "this folder"): \(written.joined(separator: ", "))")
            let enter = folder.map { "cd \(Terminal.shellQuoted($0)) && " } ?? ""
            Terminal.status("next: \(enter)quire serve   (then open http://127.0.0.1:1313/)")
        } catch {
            Terminal.printErrors(error)
            throw ExitCode(1)
        }
    }
}

struct New: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new", abstract: "Create new content, or a copy of the built-in theme to edit.",
        subcommands: [NewPostCommand.self, NewPageCommand.self, NewThemeCommand.self])
}

struct NewPostCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "post", abstract: "Create a post bundle with front matter, as a draft.")

    @OptionGroup var source: SourceOption
    @Argument(help: "The post's title.") var title: String

    func run() async throws {
        let root = source.root
        do {
            let path = try NewPost.create(title: title, root: root, date: Date())
            Terminal.status("created \(path)")
            Terminal.status(NewPost.publishingHint)
        } catch {
            Terminal.printDiagnostics(error.diagnostics(orAt: .init(path: "content/posts")), root: root)
            throw ExitCode(1)
        }
    }
}

struct NewPageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "page", abstract: "Create a page (content/<slug>.md), linked from the header.")

    @OptionGroup var source: SourceOption
    @Argument(help: "The page's title.") var title: String

    func run() async throws {
        let root = source.root
        do {
            Terminal.status("created \(try NewPost.createPage(title: title, root: root))")
        } catch {
            Terminal.printDiagnostics(error.diagnostics(orAt: .init(path: "content")), root: root)
            throw ExitCode(1)
        }
    }
}

struct NewThemeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "theme", abstract: "Copy the built-in theme into templates/ to edit; files left there override the built-in ones.")

    @OptionGroup var source: SourceOption

    func run() async throws {
        let root = source.root
        guard FileManager.default.fileExists(atPath: root.appendingPathComponent(SiteConfig.fileName).path) else {
            Terminal.printDiagnostics(
                [.error(at: .init(path: SiteConfig.fileName), "no quire.yaml here", hint: SiteConfig.noSiteHint)], root: root)
            throw ExitCode(1)
        }
        do {
            let written = try BuiltinTheme.copy(into: root.appendingPathComponent("templates"))
            Terminal.status(
                "copied the built-in theme into templates/ (\(written.count) files); delete any you do not change, they keep coming from quire"
            )
        } catch let refused as ThemeCopyRefused {
            let shown = refused.existing.prefix(4).map { "templates/" + $0 }.joined(separator: ", ")
            let list = shown + (refused.existing.count > 4 ? " and \(refused.existing.count - 4) more" : "")
            Terminal.error(
                "templates/ already has \(list); nothing was copied", hint: "move those files away first, or edit them where they are")
            throw ExitCode(1)
        } catch {
            Terminal.printErrors(error)
            throw ExitCode(1)
        }
    }
}
