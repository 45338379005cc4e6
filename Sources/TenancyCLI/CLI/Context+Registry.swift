import TenancyCore
import TenancyGit
import TenancyReview

extension Context {
    /// The registry root as an absolute path.
    var registryRoot: String {
        RegistryLocation.absolute(registry, in: currentDirectory)
    }

    /// The registry, saying on stderr when it completes a change a crash interrupted.
    /// `TENANCY_FAULT_AFTER_STEPS`: the crash tests kill the process after that many
    /// steps of the file system layer. Read here, never by the library.
    var faultAfterSteps: Int? {
        environment["TENANCY_FAULT_AFTER_STEPS"].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
    }

    /// What git runs with: this command's environment and directory.
    var git: GitEnvironment {
        GitEnvironment(variables: environment, currentDirectory: currentDirectory)
    }

    var openRegistry: Registry {
        Registry(root: registryRoot, faultAfterSteps: faultAfterSteps) { [registry, stderr] files in
            stderr.write("tenancy: completed an interrupted change (\(files) file\(files == 1 ? "" : "s")) from \(registry)/.tenancy/journal\n")
        }
    }

    /// The whole registry, loaded under the shared lock: for answers about all of it
    /// (exports, CODEOWNERS, `can --batch`).
    func readRegistry() throws -> Snapshot {
        try openRegistry.snapshot()
    }

    /// The files that answer one question (`ReadScope`), loaded under the shared lock. A
    /// file that breaks a file rule counts as absent, as in a load of the whole registry;
    /// `validate` is what reports it.
    func readSnapshot(_ scope: ReadScope) throws -> Snapshot {
        try openRegistry.snapshot(of: scope)
    }
}
