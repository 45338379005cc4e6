import Foundation
import Tenancy
import TenancyTestSupport
import Testing

/// Values that once crashed the tool (a signal and a backtrace) or turned into a rule
/// violation in a file that was never written: each is now a one-line usage error (exit
/// 2) naming the argument, with nothing written, or a plain answer.
struct HostileArgumentTests {
    /// Runs a command that must be a usage error mentioning `text`, writing nothing.
    func expectUsageError(
        _ f: MutationFixture, _ args: [String], now: String = MutationFixture.now, saying text: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let before = f.tree.tree()
        let run = try f.run(args, now: now)
        #expect(!run.signalled && run.status == 2, "exit \(run.status): \(run.stderr)", sourceLocation: sourceLocation)
        #expect(run.stderr.contains(text), "\(run.stderr)", sourceLocation: sourceLocation)
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)", sourceLocation: sourceLocation)
        #expect(f.tree.tree() == before, "the registry changed", sourceLocation: sourceLocation)
    }

    static func nested(_ depth: Int) -> String {
        String(repeating: #"{"a": "#, count: depth) + "1" + String(repeating: "}", count: depth)
    }

    /// The organization file nests one level above its metadata, and no file may nest
    /// deeper than 64: metadata 64 deep crashed the canonical writer.
    @Test func metadataTooDeepForTheOrganizationFileIsAUsageError() throws {
        let f = try MutationFixture()
        try expectUsageError(f, ["org", "set", "acme", "--metadata", Self.nested(64)], saying: "--metadata may be nested at most 63 deep")
        try expectUsageError(f, ["org", "set", "acme", "--metadata", "[1]"], saying: "--metadata must be a JSON object")
        try expectUsageError(f, ["org", "set", "acme", "--metadata", "{"], saying: "--metadata is not JSON")
        try f.change("org", "set", "acme", "--metadata", Self.nested(63), prints: ["changed orgs/acme/org.json"])
    }

    /// `9223372036854775807d` overflowed; `100000000d` wrote a timestamp beyond year 9999,
    /// refused as a schema error in the invitation file it would have created.
    @Test(arguments: ["9223372036854775807d", "100000000d", "3651d", "87601h", "-1d"])
    func anInvitationValidForMoreThanTenYearsIsAUsageError(_ duration: String) throws {
        let f = try MutationFixture()
        try expectUsageError(
            f, ["invite", "acme", "dave@example.com", "--role", "member", "--inviter", "alice", "--expires-in=\(duration)"],
            saying: "--expires-in must be a number of days or hours up to 3650d")
    }

    @Test func anInvitationValidForTenYearsIsSent() throws {
        let f = try MutationFixture()
        let run = try f.run(["invite", "acme", "dave@example.com", "--role", "member", "--inviter", "alice", "--expires-in", "3650d"])
        #expect(run.status == 0, "\(run.stderr)")
        f.expectValid()
    }

    /// `SOURCE_DATE_EPOCH=9223372036854775807` overflowed when an expiry was added to it.
    @Test(arguments: ["9223372036854775807", "253402300800", "-1", "tomorrow", "1e9"])
    func aSourceDateEpochThatIsNoTimeIsAUsageError(_ epoch: String) throws {
        let f = try MutationFixture()
        let message = "SOURCE_DATE_EPOCH must be a whole number of seconds from 0 to 253402300799 (9999-12-31T23:59:59Z)"
        try expectUsageError(
            f, ["invite", "acme", "dave@example.com", "--role", "member", "--inviter", "alice"], now: epoch, saying: message)
        try expectUsageError(f, ["member", "set", "acme", "bob", "--role", "admin"], now: epoch, saying: message)
        try expectUsageError(f, ["list", "invitations", "acme"], now: epoch, saying: message)
    }

    /// `can alice member:add ""` indexed an empty list.
    @Test func anEmptyPlaceIsAnUnknownOrganization() throws {
        let f = try MutationFixture()
        for (place, message) in [("", "no organization '' in registry"), ("/web", "no organization '' in registry"), ("acme/", "no project '' in organization 'acme'")] {
            let run = try f.run(["can", "alice", "member:add", place])
            #expect(!run.signalled && run.status == 2, "\(place): exit \(run.status) \(run.stderr)")
            #expect(run.stderr == "tenancy: error: \(message)\n")
        }
    }

    /// An `expiresAfterDays` that overflowed when an invitation was sent is a `policy`
    /// error, and sending an invitation under it does not crash.
    @Test func aPolicyExpiryBeyondTenYearsIsAPolicyError() throws {
        let policy = "{\n  \"format\": 1,\n  \"invitations\": {\n    \"expiresAfterDays\": 9223372036854775807\n  }\n}\n"
        let f = try MutationFixture(["tenancy.json": policy])
        let validate = try f.run(["validate"])
        #expect(validate.status == 1)
        #expect(validate.stdout.contains("registry/tenancy.json:4:25: error: \"invitations.expiresAfterDays\" must be at most 3650 [policy]"), "\(validate.stdout)")
        let invite = try f.run(["invite", "acme", "dave@example.com", "--role", "member", "--inviter", "alice"])
        #expect(!invite.signalled && (0...3).contains(invite.status), "exit \(invite.status): \(invite.stderr)")
    }
}
