import Tenancy

// Literals in tests stand for valid names; an invalid one stops the test run. (So
// `Handle("x")` is the literal there, never nil: the failable inits are tested on variables.)

extension Handle: ExpressibleByStringLiteral {
    public init(stringLiteral text: String) { self = Handle(text)! }
}

extension Slug: ExpressibleByStringLiteral {
    public init(stringLiteral text: String) { self = Slug(text)! }
}

extension RoleName: ExpressibleByStringLiteral {
    public init(stringLiteral text: String) { self = RoleName(text)! }
}

extension Permission: ExpressibleByStringLiteral {
    public init(stringLiteral text: String) { self = Permission(text)! }
}
