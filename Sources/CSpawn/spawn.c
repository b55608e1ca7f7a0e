#define _GNU_SOURCE
#include "CSpawn.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <unistd.h>

// Foundation's Process is not used: on Linux its run() reads /proc/self/fd in a way that
// crashes now and then (swift-corelibs-foundation PR #5472, Swift 6.3.1). These glibc
// extensions are looked up rather than linked, so the binary still starts on a C library
// without them (closefrom: glibc 2.34, chdir: 2.29).
typedef int (*closefrom_action)(posix_spawn_file_actions_t *, int);
typedef int (*chdir_action)(posix_spawn_file_actions_t *, const char *);

int cspawn_pipe(int ends[2]) {
    return pipe2(ends, O_CLOEXEC) == 0 ? 0 : errno;
}

static int add_actions(posix_spawn_file_actions_t *actions, const char *directory,
                       int input, int output, int error) {
    const int sources[3] = {input, output, error};
    for (int target = 0; target < 3; target++) {
        int result = sources[target] < 0
            ? posix_spawn_file_actions_addopen(actions, target, "/dev/null", target == 0 ? O_RDONLY : O_WRONLY, 0)
            : posix_spawn_file_actions_adddup2(actions, sources[target], target);
        if (result != 0) return result;
    }
    if (directory != NULL) {
        chdir_action add_chdir = (chdir_action)dlsym(RTLD_DEFAULT, "posix_spawn_file_actions_addchdir_np");
        if (add_chdir == NULL) return ENOSYS;
        int result = add_chdir(actions, directory);
        if (result != 0) return result;
    }
    // Without closefrom, descriptors gcpctl opens itself are close-on-exec (cspawn_pipe,
    // libcurl's and NIO's sockets), which is what matters: no child holds another's pipe.
    closefrom_action add_closefrom = (closefrom_action)dlsym(RTLD_DEFAULT, "posix_spawn_file_actions_addclosefrom_np");
    if (add_closefrom != NULL) return add_closefrom(actions, 3);
    return 0;
}

static int set_attributes(posix_spawnattr_t *attributes, int new_group) {
    sigset_t none, all;
    sigemptyset(&none);
    sigfillset(&all);
    short flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF;
    if (new_group) flags |= POSIX_SPAWN_SETPGROUP;
    int result = posix_spawnattr_setflags(attributes, flags);
    if (result == 0) result = posix_spawnattr_setsigmask(attributes, &none);
    if (result == 0) result = posix_spawnattr_setsigdefault(attributes, &all);
    if (result == 0 && new_group) result = posix_spawnattr_setpgroup(attributes, 0);
    return result;
}

int cspawn_start(pid_t *pid, const char *path, char *const argv[], char *const envp[],
                 const char *directory, int input, int output, int error, int new_group) {
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attributes;
    int result = posix_spawn_file_actions_init(&actions);
    if (result != 0) return result;
    result = posix_spawnattr_init(&attributes);
    if (result != 0) {
        posix_spawn_file_actions_destroy(&actions);
        return result;
    }
    result = add_actions(&actions, directory, input, output, error);
    if (result == 0) result = set_attributes(&attributes, new_group);
    if (result == 0) result = posix_spawn(pid, path, &actions, &attributes, argv, envp);
    posix_spawnattr_destroy(&attributes);
    posix_spawn_file_actions_destroy(&actions);
    return result;
}
