/// The version `tenancy --version` prints; the one place it is written.
let version = "0.3.0"
