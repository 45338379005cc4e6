/// The names of the domain as types, so that a handle cannot be passed where a slug or
/// a permission is meant, and a value of one of them has been checked when it was made.
///
/// Each wraps its text and nothing else: making one from text that is already checked
/// (`init(unchecked:)`, e.g. by the loader, which validates every file) costs nothing.

/// A user's handle: the `Name` grammar. Every handle of an entity is checked as its file is
/// read (a file name, or a value the `schema` rule checks); a handle given on the command
/// line or asked about (`can`, `show user`) is taken as given (`init(unchecked:)`) and is
/// simply found nowhere when it is not one.
public struct Handle: NameText {
    public let rawValue: String
    public init?(_ text: String) {
        guard Name.problem(with: text) == nil else { return nil }
        rawValue = text
    }
    package init(unchecked text: String) { rawValue = text }
}

/// An organization's or a project's slug: the `Name` grammar. Checked as `Handle` is: every
/// slug of an entity as its file is read, and an `ORG` or `PROJECT` argument taken as given.
public struct Slug: NameText {
    public let rawValue: String
    public init?(_ text: String) {
        guard Name.problem(with: text) == nil else { return nil }
        rawValue = text
    }
    package init(unchecked text: String) { rawValue = text }
}

/// The name of an organization or project role of the policy: the `Name` grammar, as
/// the policy file requires of every role's `name`. The role a membership or an
/// invitation gives is what its file says, any text (`init(unchecked:)`), as is a role
/// typed on the command line: it names a role only when the policy has one by that name,
/// which the `role-defined` rule and the operations judge.
public struct RoleName: NameText {
    public let rawValue: String
    public init?(_ text: String) {
        guard Name.problem(with: text) == nil else { return nil }
        rawValue = text
    }
    package init(unchecked text: String) { rawValue = text }
}

/// A permission such as `member:add`, or a pattern that grants several: `*` (every
/// permission) or `resource:*` (every permission on `resource`).
public struct Permission: NameText {
    public let rawValue: String
    /// Any text without whitespace, controls or bidi controls (see `TerminalText`): a
    /// permission is printed in reasons and diagnostics.
    public init?(_ text: String) {
        guard !text.isEmpty,
            !text.unicodeScalars.contains(where: { TerminalText.isUnsafe($0) || $0.properties.isWhitespace })
        else { return nil }
        rawValue = text
    }
    package init(unchecked text: String) { rawValue = text }

    /// Every permission.
    public static let all = Permission(unchecked: "*")

    /// The permissions the tool itself acts on (docs/FORMAT.md lists them).
    public static let ofTheTool: [Permission] = [
        "org:read", "org:update", "org:delete", "member:add", "member:remove", "member:update",
        "invitation:create", "invitation:revoke", "project:create", "project:read", "project:update",
        "project:delete", "project:members",
    ].map(Permission.init(unchecked:))

    /// `member` of `member:add`; nil without a colon.
    var resource: Substring? {
        rawValue.firstIndex(of: ":").map { rawValue[..<$0] }
    }

    /// Whether this permission, read as a pattern, grants `permission`: exactly, as `*`,
    /// or as `resource:*`.
    public func matches(_ permission: Permission) -> Bool {
        if rawValue == "*" || rawValue == permission.rawValue { return true }
        guard rawValue.hasSuffix(":*") else { return false }
        return permission.rawValue.hasPrefix(rawValue.dropLast())
    }
}

/// What the four name types share: their text is their value, order and description.
public protocol NameText: Hashable, Comparable, Sendable, CustomStringConvertible {
    var rawValue: String { get }
}

extension NameText {
    public var description: String { rawValue }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}
