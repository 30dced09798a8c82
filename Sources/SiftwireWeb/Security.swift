import Foundation
import HTTPTypes
import Hummingbird
import SiftwireAccounts

/// Who is asking: an account, and the CSRF token its forms must carry (nil for an API token, whose
/// requests carry no cookie and so cannot be forged cross-site).
public struct Identity: Sendable {
    public var account: Account
    public var csrfToken: String?
}

/// Headers on every response: a strict Content-Security-Policy (our own CSS only, no script, no
/// frames, forms post only to us) and the usual hardening.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    static var contentSecurityPolicy: String {
        "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.referrerPolicy] = "same-origin"
        response.headers[.xFrameOptions] = "DENY"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }
}

/// Sign-in attempts: at most `limit` failures per client address and per user name within
/// `window`; past that, sign-in is refused (429) until the window has moved on.
actor SignInLimiter {
    private let limit: Int
    private let window: TimeInterval
    private var failures: [String: [Date]] = [:]

    init(limit: Int = 5, window: TimeInterval = 300) {
        self.limit = limit
        self.window = window
    }

    /// Whether an attempt from `address` for `name` may be checked now.
    func allows(address: String, name: String, now: Date = Date()) -> Bool {
        prune(now)
        return (failures["a:" + address]?.count ?? 0) < limit && (failures["n:" + name]?.count ?? 0) < limit
    }

    func recordFailure(address: String, name: String, now: Date = Date()) {
        failures["a:" + address, default: []].append(now)
        failures["n:" + name, default: []].append(now)
    }

    private func prune(_ now: Date) {
        failures = failures.compactMapValues { times in
            let kept = times.filter { now.timeIntervalSince($0) < window }
            return kept.isEmpty ? nil : kept
        }
    }
}

extension HTTPField.Name {
    /// Names HTTPTypes has no constant for.
    static var referrerPolicy: Self { Self("Referrer-Policy")! }
    static var xFrameOptions: Self { Self("X-Frame-Options")! }
}
