import Tenancy

let fmtCommand = Command(
    "fmt", abstract: "Rewrite non-canonical files in canonical form.",
    flags: [FlagSpec("check", help: "List the non-canonical files; write nothing (exit 1 if any).")])
