// What an application imports: the registry, its rules and policy (TenancyCore), the git
// sources (TenancyGit), and access changes with their review (TenancyReview). The command
// line and the fixtures are not part of it.
@_exported import TenancyCore
@_exported import TenancyGit
@_exported import TenancyReview
