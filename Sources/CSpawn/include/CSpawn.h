#ifndef CSPAWN_H
#define CSPAWN_H

#include <sys/types.h>

/// Starts `path` with posix_spawn: `input`, `output` and `error` become the child's
/// descriptors 0, 1 and 2 (-1: /dev/null); every other descriptor is closed in the child
/// where the C library can do that (glibc 2.34+), and the parent's blocked and ignored
/// signals are reset to their defaults. `directory` (or NULL) is the child's working
/// directory; `new_group` puts the child in a process group of its own. Returns 0 and sets
/// `*pid`, or an errno value.
int cspawn_start(pid_t *pid, const char *path, char *const argv[], char *const envp[],
                 const char *directory, int input, int output, int error, int new_group);

/// A pipe whose both ends are closed on exec, so no other child inherits them.
int cspawn_pipe(int ends[2]);

#endif
