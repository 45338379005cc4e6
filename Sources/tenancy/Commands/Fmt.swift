import Tenancy

let fmtCommand = Command(
    "fmt", abstract: "Rewrite non-canonical files in canonical form.",
    discussion: """
        Rewrites every file that is valid JSON but not in canonical form, in one atomic
        change. Files that are not valid JSON are reported and left alone.
        """,
    flags: [FlagSpec("check", help: "List the non-canonical files; write nothing (exit 1 if any).")]
) { arguments, context in
    let check = arguments.flag("check")
    let registry = context.openRegistry
    try registry.withLock(check ? .shared : .exclusive) {
        let snapshot = try SnapshotLoader.load(from: DirectorySource(root: registry.root))
        let kept: Set<RuleID> = check ? ["format", "json"] : ["json"]
        let unfixable = snapshot.fileDiagnostics.filter { kept.contains($0.rule) }
        if !check {
            let fixes = snapshot.canonicalFixes.sorted { $0.key < $1.key }
            try Transaction(root: registry.root, fileSystem: .fromEnvironment())
                .commit(fixes.map { FileChange.write(path: $0.key, contents: $0.value) })
            for (path, _) in fixes { context.stderr.writeLine("formatted \(path)") }
        }
        try context.report(unfixable, fileCount: snapshot.fileCount)
    }
}
