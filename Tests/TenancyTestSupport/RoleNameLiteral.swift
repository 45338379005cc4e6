import Tenancy

/// Roles written as literals in tests (`"admin"`): a literal that is not a name stops the
/// test where it is written.
extension RoleName: ExpressibleByStringLiteral {
    public init(stringLiteral text: String) {
        guard let name = RoleName(text) else { preconditionFailure("not a role name: \(text)") }
        self = name
    }
}
