/// An entity as the JSON of its file (see `Format/Encoding.swift`).
extension Entity {
    public var json: JSONValue {
        switch self {
        case .policy(let p): p.json
        case .user(let u): u.json
        case .org(let o): o.json
        case .member(let m): m.json
        case .project(let p): p.json
        case .projectMember(let m): m.json
        case .invitation(let i): i.json
        }
    }
}
