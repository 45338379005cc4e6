/// The files one question about the registry needs (`can`, `show`, `list` of one
/// organization), so that its answer costs the same on a registry of any size.
///
/// A scoped snapshot holds exactly the files the answer is computed from, read and checked
/// by the same file rules as a whole load (a file that breaks one is present without an
/// entity, as there): every question asked of it gets the answer the whole registry gives
/// (`ReadScopeTests` proves it on generated registries holding errors). Nothing else is
/// read, so a broken file elsewhere neither blocks nor changes the answer, and the
/// snapshot's `fileDiagnostics` are only those of the files it read.
public enum ReadScope: Hashable, Sendable {
    /// `can`: the policy, the user, the organization and the user's membership there, and,
    /// with a project, the project and the user's membership of it.
    case access(user: Handle, org: Slug, project: Slug?)
    /// `show user`: the user and their memberships of every organization and project (one
    /// `fstatat` per organization, and one per project of an organization that has any);
    /// only the user file when it is not there.
    case user(Handle)
    /// `show org|project`, `list members|projects|invitations`: every file of one
    /// organization, and the user files of its members and its projects' members.
    case org(Slug)

    /// Loads the files of this scope from the directory registry at `root`.
    package func load(root: String) throws -> Snapshot {
        let directory = DirectorySource(root: root)
        return try SnapshotLoader.load(from: ListedSource(try entries(directory), directory))
    }

    private func entries(_ directory: DirectorySource) throws -> [SourceEntry] {
        switch self {
        case .access(let user, let org, let project):
            var paths: [EntityPath] = [.policy]
            if isName(user) { paths.append(.user(user)) }
            if isName(org) {
                paths += [.org(org)] + (isName(user) ? [.member(org: org, user: user)] : [])
                if let project, isName(project) {
                    paths += [.project(org: org, project: project)]
                        + (isName(user) ? [.projectMember(org: org, project: project, user: user)] : [])
                }
            }
            return directory.entries(at: paths.map(\.path))
        case .user(let handle):
            let user = isName(handle) ? directory.entries(at: [EntityPath.user(handle).path]) : []
            // No user file, no question to answer: no organization is looked at.
            return user.isEmpty ? [] : user + (try directory.filesOfUser(handle.rawValue))
        case .org(let slug):
            guard isName(slug) else { return [] }
            let files = try directory.entries(below: "orgs/\(slug)")
            return files + directory.entries(at: Self.members(in: files).map { EntityPath.user($0).path })
        }
    }

    /// The handles of the organization's and its projects' members, by their file names:
    /// their user files give the names and emails `show` and `list` print.
    private static func members(in files: [SourceEntry]) -> [Handle] {
        let handles = files.compactMap { entry -> Handle? in
            guard case .entity(let path) = Layout.classify(entry.path) else { return nil }
            switch path {
            case .member(_, let user), .projectMember(_, _, let user): return user
            default: return nil
            }
        }
        return Set(handles).sorted()
    }

    /// Only a valid name can be part of a path of the layout; any other is not in the registry.
    private func isName(_ name: some NameText) -> Bool { Name.problem(with: name.rawValue) == nil }
}
