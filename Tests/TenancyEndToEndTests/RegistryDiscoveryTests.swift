import Foundation
import Tenancy
import TenancyTestSupport
import Testing

/// The registry is found as git finds `.git`: `--registry`, else `TENANCY_REGISTRY`, else
/// the nearest directory at or above the current one that has `tenancy.json`, or a
/// `registry/` that has one. Paths print relative to the current directory.
struct RegistryDiscoveryTests {
    /// The base registry at `registry/` of a scratch directory that plays a repository's
    /// top level, with a `docs/` beside it.
    private let tree: TemporaryRegistry

    init() throws {
        tree = try TemporaryRegistry(RegistryFiles.base)
        try tree.directory.write("docs/README.md", "")
    }

    private func run(_ arguments: [String], in relative: String, env: [String: String] = [:]) throws -> TenancyRun {
        let environment = ["SOURCE_DATE_EPOCH": MutationFixture.now].merging(env) { $1 }
        return try runTenancy(arguments, cwd: tree.directory.url(relative), env: environment)
    }

    @Test(arguments: ["registry", "registry/orgs/acme", "docs", "."])
    func validateAndListFindTheRegistryFromASubdirectory(directory: String) throws {
        let validate = try run(["validate"], in: directory)
        #expect(validate.status == 0, "\(validate.stdout)\(validate.stderr)")
        #expect(validate.stdout.hasPrefix("no problems found"))
        let list = try run(["list", "orgs"], in: directory)
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.contains("\nacme "))
    }

    @Test func diagnosticsNameFilesRelativeToTheCurrentDirectory() throws {
        try tree.write("users/bob.json", "{")
        let cases = [("registry/orgs/acme", "../../users/bob.json:"), ("docs", "../registry/users/bob.json:"),
                     ("registry", "users/bob.json:"), (".", "registry/users/bob.json:")]
        for (directory, path) in cases {
            let validate = try run(["validate"], in: directory)
            #expect(validate.status == 1)
            #expect(validate.stdout.hasPrefix(path), "from \(directory): \(validate.stdout)")
        }
    }

    @Test func aMutationFromASubdirectoryChangesTheRegistryAbove() throws {
        let create = try run(["project", "create", "acme", "api", "--name", "API"], in: "registry/orgs/acme")
        #expect(create.status == 0, "\(create.stderr)")
        #expect(create.stdout == "created orgs/acme/projects/api/project.json\n")
        #expect(FileManager.default.fileExists(atPath: tree.registry + "/orgs/acme/projects/api/project.json"))
        #expect(!FileManager.default.fileExists(atPath: tree.registry + "/orgs/acme/registry"))

        let add = try run(["project", "member", "add", "acme", "api", "alice", "--role", "admin"], in: "docs")
        #expect(add.status == 0, "\(add.stderr)")
        #expect(FileManager.default.fileExists(atPath: tree.registry + "/orgs/acme/projects/api/members/alice.json"))
        #expect(try run(["validate"], in: ".").status == 0)
    }

    @Test func registryOrTenancyRegistryWinsOverTheRegistryFound() throws {
        let other = try TemporaryRegistry(RegistryFiles.registry(["orgs/acme/projects/web/project.json": nil,
            "orgs/acme/projects/web/members/bob.json": nil]))
        let given = try run(["--registry", other.registry, "list", "projects", "acme"], in: "registry/orgs/acme")
        #expect(given.stdout == "SLUG  MEMBERS  NAME\n", "\(given.stdout)\(given.stderr)")
        let environment = try run(["list", "projects", "acme"], in: "registry/orgs/acme", env: ["TENANCY_REGISTRY": other.registry])
        #expect(environment.stdout == "SLUG  MEMBERS  NAME\n", "\(environment.stdout)\(environment.stderr)")
        let found = try run(["list", "projects", "acme"], in: "registry/orgs/acme")
        #expect(found.stdout.contains("\nweb "))
    }

    /// A server's hook runs in a bare repository, where the registry is a path in the tree
    /// (`registry`): never the work tree of a registry beside or above it.
    @Test func aBareRepositoryBesideARegistryIsNotTakenForIt() throws {
        let git = try runProgram(["git", "init", "-q", "--bare", tree.path + "/server.git"], in: tree.path, environment: ["PATH": "/usr/bin:/bin"])
        #expect(git.status == 0, "\(git.output)")
        for directory in ["server.git", "server.git/refs"] {
            let staged = try run(["validate", "--staged"], in: directory)
            #expect(staged.status == 3, "\(staged.stdout)\(staged.stderr)")
            #expect(staged.stderr.contains("nothing is staged in a bare repository"), "\(staged.stderr)")
        }
    }

    @Test func initCreatesRegistryInTheCurrentDirectoryEvenBelowAnotherRegistry() throws {
        let create = try run(["init"], in: "docs")
        #expect(create.status == 0, "\(create.stderr)")
        #expect(create.stdout == "created registry/tenancy.json (preset default)\n")
        #expect(FileManager.default.fileExists(atPath: tree.path + "/docs/registry/tenancy.json"))
        // From docs/ on, the nearer registry is the one found.
        #expect(try run(["list", "orgs"], in: "docs").stdout == "SLUG  KIND  MEMBERS  NAME\n")
    }
}
