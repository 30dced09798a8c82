import ArgumentParser
import Foundation
import SiftwireAccounts
import SiftwireConsole

/// `siftwire users`: accounts of the web workbench (`siftwire-web`), kept in its own store.
struct UsersGroup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users", abstract: "Accounts of the web workbench (siftwire-web).",
        subcommands: [UsersAddCommand.self, UsersListCommand.self])
}

extension Role: ExpressibleByArgument {}

struct UsersAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add an account; reads its password from standard input and prints an API token.")
    @Argument(help: "User name.") var name: String
    @Option(help: "viewer, curator or admin.") var role: Role = .viewer
    @Option(help: "The web workbench's accounts store (env SIFTWIRE_WEB_ACCOUNTS).") var accounts = AccountStore.defaultPath

    func run() async throws {
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            throw CommandFailure("give the password on standard input (e.g. printf '%s\\n' \"$PASSWORD\" | siftwire users add \(name))")
        }
        let token: String
        do {
            token = try AccountStore(path: accounts).addUser(name: name, role: role, password: line)
        } catch let error as AccountError {
            throw CommandFailure(error.description)
        }
        FileHandle.standardError.write(Data("added \(name) (\(role.rawValue)) to \(accounts); API token (shown once, use as Authorization: Bearer):\n".utf8))
        print(token)
    }
}

struct UsersListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the accounts and their roles.")
    @Option(help: "The web workbench's accounts store (env SIFTWIRE_WEB_ACCOUNTS).") var accounts = AccountStore.defaultPath

    func run() async throws {
        let list: [Account]
        do {
            list = try AccountStore(path: accounts).accounts()
        } catch let error as AccountError {
            throw CommandFailure(error.description)
        }
        for account in list { print("\(account.name)\t\(account.role.rawValue)") }
    }
}
