// End-to-end tests of the `tenancy` command live here.
