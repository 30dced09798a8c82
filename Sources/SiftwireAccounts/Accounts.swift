import Crypto
import Foundation
import GRDB
import SiftwireRuntime
import _CryptoExtras

/// What an account may do on the web workbench; each role includes the ones before it.
public enum Role: String, Sendable, Codable, CaseIterable, Comparable {
    /// Reads every page.
    case viewer
    /// Also merges and splits entities.
    case curator
    /// Also manages accounts.
    case admin

    private var rank: Int {
        switch self {
        case .viewer: 0
        case .curator: 1
        case .admin: 2
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }
}

/// A signed-in (or token-bearing) account.
public struct Account: Sendable, Hashable {
    public var id: Int64
    public var name: String
    public var role: Role

    public init(id: Int64, name: String, role: Role) {
        self.id = id
        self.name = name
        self.role = role
    }
}

/// A browser session: who, and the CSRF token its forms carry.
public struct Session: Sendable, Hashable {
    public var account: Account
    public var csrfToken: String
}

/// Why an accounts operation failed.
public struct AccountError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Reason: Sendable, Equatable {
        case nameTaken
        case invalidName
        case weakPassword
        case storage
        case noSuchUser
        /// Removing it would leave no admin.
        case lastAdmin
        /// An admin may not remove the account they are signed in with.
        case ownAccount
    }

    public var reason: Reason
    public var description: String

    public init(_ reason: Reason, _ description: String) {
        self.reason = reason
        self.description = description
    }
}
