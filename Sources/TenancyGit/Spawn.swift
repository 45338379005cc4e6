import TenancyCore

#if canImport(Glibc)
    import Glibc
#endif

/// A child process with its standard input, output and error on pipes, started with
/// `posix_spawn` and waited for with `waitpid`. Foundation's `Process` took 35–45 ms per
/// git command (`waitUntilExit` polls), which a check made of a dozen commands paid a
/// dozen times. Our ends of the pipes are close-on-exec, so no other child inherits them.
struct Child {
    let pid: pid_t
    /// Our ends: the child's standard input, output and error.
    let input: Int32, output: Int32, errors: Int32

    static func spawn(_ path: String, _ arguments: [String], environment: [String: String]) throws -> Child {
        let (stdin, stdout, stderr) = (try pipe(), try pipe(), try pipe())
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdin.read, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout.write, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr.write, 2)
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        // As from a shell, whichever thread spawns it: no signal blocked, SIGPIPE's default.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), pipeSignal = sigset_t()
        sigemptyset(&none)
        sigemptyset(&pipeSignal)
        sigaddset(&pipeSignal, SIGPIPE)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &pipeSignal)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid = pid_t()
        let failure = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        for descriptor in [stdin.read, stdout.write, stderr.write] { close(descriptor) }
        guard failure == 0 else {
            for descriptor in [stdin.write, stdout.read, stderr.read] { close(descriptor) }
            throw SourceError.gitNotStarted(reason: String(cString: strerror(failure)))
        }
        return Child(pid: pid, input: stdin.write, output: stdout.read, errors: stderr.read)
    }

    /// Waits for the child: its exit status, or the signal that killed it.
    func wait() -> (exited: Bool, status: Int32) {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        // WIFEXITED, WEXITSTATUS and WTERMSIG, which Swift does not import.
        return status & 0x7f == 0 ? (true, (status >> 8) & 0xff) : (false, status & 0x7f)
    }

    private static func pipe() throws -> (read: Int32, write: Int32) {
        var descriptors: [Int32] = [0, 0]
        guard systemPipe2(&descriptors, O_CLOEXEC) == 0 else {
            throw SourceError.gitNotStarted(reason: String(cString: strerror(errno)))
        }
        return (descriptors[0], descriptors[1])
    }
}

/// glibc's `pipe2`, which the Glibc module does not import: a pipe made close-on-exec in
/// one step, so a child another thread spawns meanwhile cannot inherit it.
@_silgen_name("pipe2")
private func systemPipe2(_ descriptors: UnsafeMutablePointer<Int32>, _ flags: Int32) -> Int32
