/// The rules of a registry: every check `validate` makes is one of these rules'.
public enum RuleRegistry {
    /// In the order they run on each file: each reads what the ones before it found.
    public static let fileRules: [any FileRule.Type] = [
        LayoutRule.self, JSONRule.self, FormatRule.self, SchemaRule.self, PolicyRule.self, KeyMismatchRule.self,
    ]

    public static let stateRules: [any StateRule.Type] = [
        SlugUniqueRule.self, IDUniqueRule.self, EmailUniqueRule.self, LoginUniqueRule.self, SingleMembershipRule.self,
        DanglingReferenceRule.self, ProjectMemberInOrgRule.self, OwnerRemainsRule.self, PersonalOrgRule.self,
        RoleDefinedRule.self, InvitationRule.self, LimitsRule.self, AccessTestRule.self,
    ]

    public static var all: [any Rule.Type] { fileRules + stateRules }

    /// Runs the file rules on one entry, in their order: their entry checks, then, when
    /// they admit it as a file of the registry, their checks of its contents as `read`
    /// gives them (nil when it turns out not to be a regular file).
    ///
    /// `known` is what the index of registry-wide facts holds for the entry (`FactIndex`):
    /// the entity of a file that had no finding when it had these bytes. It is taken
    /// instead of reading the file when the entry checks find nothing either.
    package static func check(_ entry: SourceEntry, known: Entity? = nil, read: () throws -> [UInt8]?) rethrows -> CheckedFile {
        var file = CheckedFile(entry)
        for rule in fileRules { rule.check(entry: &file) }
        guard let path = file.path else { return file }
        if let known, file.diagnostics.isEmpty, known.fits(path) {
            file.entity = known
            return file
        }
        file.bytes = try read()
        for rule in fileRules { rule.check(&file) }
        // Freed here, on the thread that read them: the loader adds what the rules made
        // of the file to the snapshot under a lock.
        file.bytes = nil
        file.node = nil
        return file
    }

    /// Runs every state rule on a snapshot; the file rules already ran while it loaded.
    public static func check(_ snapshot: Snapshot) -> [Diagnostic] {
        // Rules are independent readers of one snapshot: run them on every core.
        let boxes = stateRules.map(RuleBox.init)
        let found = parallelMap(boxes) { (box: RuleBox) -> [Diagnostic] in
            var sink = DiagnosticSink()
            box.rule.init().check(snapshot, into: &sink)
            return sink.diagnostics
        }
        var sink = DiagnosticSink()
        sink.append(contentsOf: snapshot.fileDiagnostics)
        for diagnostics in found { sink.append(contentsOf: diagnostics) }
        return sink.sorted
    }
}

/// A rule type as a value that may cross threads (metatypes of `Sendable` types are).
private struct RuleBox: Sendable {
    let rule: any StateRule.Type
}

extension Entity {
    /// Whether this is the kind of entity a file at `path` holds.
    func fits(_ path: EntityPath) -> Bool {
        switch (self, path) {
        case (.policy, .policy), (.user, .user), (.org, .org), (.member, .member), (.project, .project),
            (.projectMember, .projectMember), (.invitation, .invitation):
            true
        default: false
        }
    }
}
