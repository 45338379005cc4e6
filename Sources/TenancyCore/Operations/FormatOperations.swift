/// `fmt`.
public enum FormatOperations {
    /// Every file that is valid JSON but not in canonical form, written canonically. A
    /// changeset like any mutation's, so the files it plans are checked with the same
    /// rules and limits before anything is written (a canonical form larger than the
    /// size limit is refused, not written).
    public static func format(_ s: Snapshot) -> Changeset {
        Changeset(s.canonicalFixes.sorted { $0.key < $1.key }.map { .put($0.key, $0.value) })
    }
}
