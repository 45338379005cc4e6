/// The `schema` rule's decoders: one function per entity file, each returning nil (with
/// diagnostics in `context`) when the file does not describe a valid entity.
enum EntityDecoding {
    static func user(_ node: JSONNode, _ c: FileContext) -> User? {
        guard let d = ObjectDecoder<User.Key>(node, context: c) else { return nil }
        let handle = d.name(.handle).map(Handle.init(unchecked:)), id = d.uuid(.id), email = d.email(.email)
        let name = d.text(.name), createdAt = d.timestamp(.createdAt)
        let siteAdmin = d.bool(.siteAdmin, required: false), logins = logins(d)
        guard let handle, let id, let email, let name, let createdAt, !c.failed else { return nil }
        return User(
            handle: handle, id: id, email: email, name: name, createdAt: createdAt,
            siteAdmin: siteAdmin, logins: logins, origin: c.origin)
    }

    /// `logins`: an object from forges to account names, each in its forge's grammar.
    private static func logins(_ d: ObjectDecoder<User.Key>) -> [Forge: String] {
        guard let o = d.object(.logins, Forge.self) else { return [:] }
        var logins: [Forge: String] = [:]
        for forge in Forge.allCases {
            if let login = o.check(forge, required: false, forge.problem(with:)) { logins[forge] = login }
        }
        return logins
    }

    static func organization(_ node: JSONNode, _ c: FileContext) -> Organization? {
        guard let d = ObjectDecoder<Organization.Key>(node, context: c) else { return nil }
        let slug = d.name(.slug).map(Slug.init(unchecked:)), id = d.uuid(.id), name = d.text(.name)
        let kind = d.enumeration(.kind, Organization.Kind.self), createdAt = d.timestamp(.createdAt)
        let personalOf = d.name(.personalOf, required: false).map(Handle.init(unchecked:))  // `name` has checked it
        // `strings` has checked the grammar.
        let previousSlugs = d.strings(.previousSlugs, required: false, Name.problem(with:))?.map(Slug.init(unchecked:)) ?? []
        let logo = d.string(.logo, required: false).flatMap { checkLogo($0, d) }
        let metadata = metadata(d)
        if let kind, (kind == .personal) != d.has(.personalOf) {
            let at = d.node(.personalOf, required: false)?.position ?? d.position
            c.error(kind == .personal
                ? "a personal organization needs \"personalOf\"" : "\"personalOf\" is only for personal organizations", at: at)
        }
        guard let slug, let id, let name, let kind, let createdAt, !c.failed else { return nil }
        return Organization(
            slug: slug, id: id, name: name, kind: kind, createdAt: createdAt, personalOf: personalOf,
            previousSlugs: previousSlugs, logo: logo, metadata: metadata, origin: c.origin)
    }

    private static func checkLogo(_ url: String, _ d: ObjectDecoder<Organization.Key>) -> String? {
        if LogoURL.isValid(url) { return url }
        c(d).error("\"logo\" must be an https URL", at: d.node(.logo, required: false)!.position)
        return nil
    }

    private static func c(_ d: ObjectDecoder<Organization.Key>) -> FileContext { d.context }

    private static func metadata(_ d: ObjectDecoder<Organization.Key>) -> JSONValue? {
        guard let node = d.node(.metadata, required: false) else { return nil }
        guard case .object = node.value else {
            d.context.error("\"metadata\" must be an object, found \(node.value.typeName)", at: node.position)
            return nil
        }
        return node.value
    }

    static func membership(_ node: JSONNode, _ c: FileContext, org: Slug) -> Membership? {
        guard let d = ObjectDecoder<Membership.Key>(node, context: c) else { return nil }
        // `role` is what the file says, any string: the `role-defined` rule judges it.
        let user = d.name(.user).map(Handle.init(unchecked:)), role = d.string(.role).map(RoleName.init(unchecked:)), createdAt = d.timestamp(.createdAt)
        let updatedAt = d.timestamp(.updatedAt, required: false)
        let assignments = d.strings(.assignments, required: false) ?? []
        guard let user, let role, let createdAt, !c.failed else { return nil }
        return Membership(
            org: org, user: user, role: role, assignments: assignments, createdAt: createdAt,
            updatedAt: updatedAt, origin: c.origin)
    }

    static func project(_ node: JSONNode, _ c: FileContext, org: Slug) -> Project? {
        guard let d = ObjectDecoder<Project.Key>(node, context: c) else { return nil }
        let slug = d.name(.slug).map(Slug.init(unchecked:)), id = d.uuid(.id), name = d.text(.name), createdAt = d.timestamp(.createdAt)
        guard let slug, let id, let name, let createdAt, !c.failed else { return nil }
        return Project(org: org, slug: slug, id: id, name: name, createdAt: createdAt, origin: c.origin)
    }

    static func projectMembership(_ node: JSONNode, _ c: FileContext, org: Slug, project: Slug)
        -> ProjectMembership?
    {
        guard let d = ObjectDecoder<ProjectMembership.Key>(node, context: c) else { return nil }
        // `role` is what the file says, any string: the `role-defined` rule judges it.
        let user = d.name(.user).map(Handle.init(unchecked:)), role = d.string(.role).map(RoleName.init(unchecked:)), createdAt = d.timestamp(.createdAt)
        let updatedAt = d.timestamp(.updatedAt, required: false)
        guard let user, let role, let createdAt, !c.failed else { return nil }
        return ProjectMembership(
            org: org, project: project, user: user, role: role, createdAt: createdAt,
            updatedAt: updatedAt, origin: c.origin)
    }

    static func invitation(_ node: JSONNode, _ c: FileContext, org: Slug) -> Invitation? {
        guard let d = ObjectDecoder<Invitation.Key>(node, context: c) else { return nil }
        // `role` and `projectRole` are what the file says, any string: `role-defined` judges them.
        let id = d.uuid(.id), email = d.email(.email), role = d.string(.role).map(RoleName.init(unchecked:))
        let inviter = d.name(.inviter).map(Handle.init(unchecked:)), status = d.enumeration(.status, Invitation.Status.self)
        let createdAt = d.timestamp(.createdAt), expiresAt = d.timestamp(.expiresAt)
        let project = d.name(.project, required: false).map(Slug.init(unchecked:)), projectRole = d.string(.projectRole, required: false)
            .map(RoleName.init(unchecked:))
        let respondedAt = d.timestamp(.respondedAt, required: false)
        let acceptedBy = d.name(.acceptedBy, required: false).map(Handle.init(unchecked:))  // `name` has checked it
        guard let id, let email, let role, let inviter, let status, let createdAt, let expiresAt, !c.failed
        else { return nil }
        return Invitation(
            org: org, id: id, email: email, role: role, inviter: inviter, status: status,
            createdAt: createdAt, expiresAt: expiresAt, project: project, projectRole: projectRole,
            respondedAt: respondedAt, acceptedBy: acceptedBy, origin: c.origin)
    }
}

/// An organization's `logo`: an https URL with a host and no whitespace or control.
package enum LogoURL {
    package static func isValid(_ url: String) -> Bool {
        let rest = url.dropFirst("https://".count)
        let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return url.hasPrefix("https://") && !host.isEmpty
            && !url.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F })
    }
}
