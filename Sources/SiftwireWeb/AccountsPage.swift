import SiftwireAccounts

/// `/admin/users`: the accounts, a form to add one (its API token shown once), and a remove button on
/// every account but the admin's own (the store also refuses to remove the last admin).
extension Pages {
    static func users(identity: Identity, accounts: [Account], added: (name: String, role: Role, token: String)?, removed: String? = nil,
                      problem: String?) -> String {
        var content: [HTML] = [H.el("h1", [], H.text("Accounts"))]
        if let added {
            content.append(H.el("div", [("class", "notice"), ("role", "status"), ("id", "added")],
                H.p("Added \(added.name) (\(added.role.rawValue)). Its API token, shown this once:"),
                H.el("p", [], H.el("code", [("id", "new-token")], H.text(added.token)))))
        }
        if let removed {
            content.append(H.p("Removed \(removed): its API token and sessions no longer work.", [("class", "notice"), ("role", "status"), ("id", "removed")]))
        }
        if let problem { content.append(H.p(problem, [("class", "error"), ("role", "alert"), ("id", "problem")])) }
        let csrf = identity.csrfToken.map(H.csrf) ?? .empty
        content.append(H.el("table", [("id", "accounts")],
            H.el("thead", [], H.el("tr", [], H.el("th", [("scope", "col")], H.text("Name")), H.el("th", [("scope", "col")], H.text("Role")),
                                   H.el("th", [("scope", "col")], H.text("Remove")))),
            H.el("tbody", [], children: accounts.map { account in
                let own = account.id == identity.account.id
                return H.el("tr", [("data-user", account.name)], H.el("td", [], H.text(account.name)), H.el("td", [], H.text(account.role.rawValue)),
                    H.el("td", [], own ? H.text("(you)") : H.el("form", [("method", "post"), ("action", "/admin/users/remove"), ("class", "remove-user")],
                        csrf,
                        HTML.element("input", [("type", "hidden"), ("name", "name"), ("value", account.name)]),
                        H.el("button", [("type", "submit"), ("aria-label", "Remove \(account.name)")], H.text("Remove")))))
            })))
        content.append(H.el("h2", [], H.text("Add an account")))
        content.append(H.el("form", [("method", "post"), ("action", "/admin/users"), ("class", "search"), ("id", "user-form")],
            csrf,
            H.el("span", [("class", "field")], H.el("label", [("for", "u-name")], H.text("Name")),
                 HTML.element("input", [("id", "u-name"), ("name", "name"), ("required", ""), ("autocomplete", "off")])),
            H.el("span", [("class", "field")], H.el("label", [("for", "u-role")], H.text("Role")),
                 H.el("select", [("id", "u-role"), ("name", "role")], children: Role.allCases.map { H.el("option", [("value", $0.rawValue)], H.text($0.rawValue)) })),
            H.el("span", [("class", "field")], H.el("label", [("for", "u-password")], H.text("Password (8 or more characters)")),
                 HTML.element("input", [("id", "u-password"), ("name", "password"), ("type", "password"), ("required", ""), ("autocomplete", "new-password")])),
            H.el("button", [("type", "submit"), ("id", "user-button")], H.text("Add"))))
        return layout(title: "Accounts", identity: identity, content.joined)
    }
}
