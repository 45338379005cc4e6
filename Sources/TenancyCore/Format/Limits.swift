/// The limits of the `json` rule: what the reader accepts and the writer may produce.
public enum Limits {
    /// Files larger than this are a `json` error.
    public static let maxFileSize = 1 << 20
    /// Deeper nesting is a `json` error, checked before descending.
    public static let maxDepth = 64
}
