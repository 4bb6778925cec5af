#ifndef C_AURORA_SPAWN_H
#define C_AURORA_SPAWN_H
#include <sys/types.h>

/// Where the child starts closing the descriptors it must not inherit (every one from 3 up). Production code
/// passes AURORA_SWEEP_AUTOMATIC; the other values skip steps, so tests can run the fallbacks that older kernels
/// and sandboxes need.
typedef enum {
    /// close_range(2); when it fails (ENOSYS: Linux before 5.9, some sandboxes), the /proc/self/fd listing; when
    /// that fails too (no /proc), every descriptor below the RLIMIT_NOFILE soft limit.
    AURORA_SWEEP_AUTOMATIC = 0,
    /// As if close_range failed with ENOSYS: the /proc/self/fd listing, then the loop up to the limit.
    AURORA_SWEEP_WITHOUT_CLOSE_RANGE = 1,
    /// As if close_range failed and /proc were not mounted: the loop up to the limit.
    AURORA_SWEEP_UP_TO_LIMIT = 2,
} aurora_sweep;

/// What to start.
typedef struct {
    /// An absolute path; no PATH search.
    const char *path;
    /// NULL-terminated; argv[0] included.
    char *const *argv;
    /// NULL-terminated `NAME=value` strings: exactly the child's environment.
    char *const *envp;
    /// The descriptors that become the child's standard input, output and error (any open descriptors of the
    /// caller, close-on-exec or not; the same one may be given twice). The caller keeps and closes its own.
    int stdio[3];
    /// Non-zero: the child starts a new session (setsid), out of the caller's process group and terminal.
    int new_session;
    /// Non-zero (without new_session): the child leads a new process group, so the group can be signalled.
    int new_process_group;
    aurora_sweep sweep;
} aurora_spawn_request;

/// Starts a child process that holds only descriptors 0, 1 and 2: whatever else the caller has open, with or
/// without close-on-exec (SwiftNIO's sockets have none), is closed in the child before exec.
///
/// With AURORA_SWEEP_AUTOMATIC on a C library that has posix_spawn_file_actions_addclosefrom_np (glibc 2.34+)
/// and a kernel with close_range, this is posix_spawn with a closefrom action. Otherwise (musl, older glibc,
/// close_range missing or refused, or a forced sweep) it forks and the child closes the descriptors itself,
/// falling back step by step as `aurora_sweep` describes, so no descriptor leaks on any of those systems.
///
/// Returns 0 and sets *pid, or returns an errno value (the child's exec failure included; no child is left).
int aurora_spawn(const aurora_spawn_request *request, pid_t *pid);

#endif
