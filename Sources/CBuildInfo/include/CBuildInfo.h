// What `make release` knows about the build and a Swift file cannot be told: the commit and
// the time. Package.swift turns GCPCTL_BUILD_COMMIT and GCPCTL_BUILD_DATE from the
// environment into defines of this target alone, so a new commit recompiles one C file,
// and a plain `swift build` gets empty strings ("unknown").
#ifndef CBUILDINFO_H
#define CBUILDINFO_H

/// The commit gcpctl was built from (`git describe`-like: 12 hex digits, `-dirty` when the
/// tree had changes), or "" when the build was not told.
const char *cbuildinfo_commit(void);

/// When it was built, RFC 3339 in UTC, or "" when the build was not told.
const char *cbuildinfo_date(void);

#endif
