import Tenancy
import Testing

@Suite("File rules")
struct FileRuleTests {
    /// Five-part paths once matched the project case whatever their first component.
    @Test("layout: a project path outside orgs/ is a stray entry")
    func projectPathOutsideOrgs() {
        #expect(Layout.classify("teams/acme/projects/web/project.json") == .stray(
            "unexpected entry; the registry root holds only tenancy.json, users/ and orgs/, and what the policy's \"ignore\" list names (see docs/FORMAT.md)"))
        #expect(Layout.classify("orgs/acme/projects/web/project.json") == .entity(.project(org: "acme", project: "web")))
    }
}
