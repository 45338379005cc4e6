import Testing
@testable import TenancyCore

/// Looking roles and assignments up in a policy, and ranking organization roles.
struct PolicyTests {
    /// A policy with its own roles (highest first) and two assignments, one required.
    static let policy: Policy = {
        var policy = Policy()
        policy.organizationRoles = [
            Policy.Role(name: "boss", owner: true, permissions: ["*"]),
            Policy.Role(name: "co-owner", owner: true, permissions: ["*"]),
            Policy.Role(name: "staff", permissions: ["org:read"]),
        ]
        policy.projectRoles = [Policy.Role(name: "lead", permissions: ["project:update"])]
        policy.assignments = [
            Policy.Assignment(name: "Billing", permissions: ["billing:*"]),
            Policy.Assignment(name: "Security", permissions: ["audit:read"], required: true),
        ]
        return policy
    }()

    @Test func theDefaultsAreTheDocumentedRoles() {
        let policy = Policy.default
        #expect(policy.organizationRoles.map(\.name) == ["owner", "admin", "member", "guest"])
        #expect(policy.projectRoles.map(\.name) == ["admin", "member"])
        #expect(policy.organizationRole("owner")?.permissions == ["*"])
        #expect(policy.organizationRole("guest")?.permissions == [])
        #expect(policy.assignments.isEmpty && policy.requiredAssignments.isEmpty)
        #expect(policy.reservedSlugs == ["admin", "api", "new", "settings"])
        #expect(policy.invitations.expiresAfterDays == 7)
        #expect(policy.limits.minOwnersPerOrganization == 1)
    }

    @Test func rolesAndAssignmentsAreFoundByExactName() {
        let policy = Self.policy
        #expect(policy.organizationRole("staff")?.permissions == ["org:read"])
        #expect(policy.organizationRole(RoleName(unchecked: "Staff")) == nil)
        #expect(policy.organizationRole("owner") == nil)
        #expect(policy.projectRole("lead")?.permissions == ["project:update"])
        #expect(policy.projectRole("staff") == nil)
        #expect(policy.assignment("Billing")?.permissions == ["billing:*"])
        #expect(policy.assignment("billing") == nil)
    }

    @Test func theOrderOfTheRolesIsTheirRank() {
        let policy = Self.policy
        #expect(policy.rank(ofOrganizationRole: "boss") == 0)
        #expect(policy.rank(ofOrganizationRole: "co-owner") == 1)
        #expect(policy.rank(ofOrganizationRole: "staff") == 2)
        #expect(policy.rank(ofOrganizationRole: "member") == nil)
        #expect(Policy.default.rank(ofOrganizationRole: "guest") == 3)
    }

    @Test func everyRoleMarkedOwnerIsAnOwnerRole() {
        let policy = Self.policy
        #expect(policy.isOwnerRole("boss") && policy.isOwnerRole("co-owner"))
        #expect(!policy.isOwnerRole("staff"))
        #expect(!policy.isOwnerRole("nobody"))
        #expect(policy.requiredAssignments == ["Security"])
    }
}

/// `review`: who approves, and what a mass removal is.
struct PolicyReviewTests {
    @Test func everyPresetWritesTheReviewDefaults() {
        for preset in Preset.allCases {
            #expect(preset.policy.review.approvalPermission.rawValue == "member:update", "\(preset)")
            #expect(preset.policy.review.massRemoval == Policy.MassRemoval(maxFraction: 0.25, minRemoved: 3), "\(preset)")
            let written = String(decoding: CanonicalWriter.bytes(for: preset.policy.json), as: UTF8.self)
            #expect(written.contains("  \"review\": {\n    \"approvalPermission\": \"member:update\",\n    \"massRemoval\": {\n      \"maxFraction\": 0.25,\n      \"minRemoved\": 3\n    }\n  },\n"), "\(preset)")
        }
    }

    /// More than `maxFraction` and at least `minRemoved`: both.
    @Test func aMassRemovalNeedsBothTheFractionAndTheCount() {
        let limit = Policy.MassRemoval()
        #expect(!limit.isMassRemoval(removed: 1, of: 3))
        #expect(!limit.isMassRemoval(removed: 2, of: 5))
        #expect(!limit.isMassRemoval(removed: 3, of: 12))  // exactly a quarter
        #expect(limit.isMassRemoval(removed: 3, of: 11))
        #expect(Policy.MassRemoval(maxFraction: 0, minRemoved: 1).isMassRemoval(removed: 1, of: 100))
    }
}
