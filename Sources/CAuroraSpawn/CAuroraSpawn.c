#define _GNU_SOURCE
#include "CAuroraSpawn.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdint.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/syscall.h>
#endif

#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 34))
#define AURORA_HAVE_CLOSEFROM_ACTION 1
#else
#define AURORA_HAVE_CLOSEFROM_ACTION 0
#endif

#if defined(__linux__) && !defined(SYS_close_range)
#define SYS_close_range 436 /* the same number on every architecture Swift runs on */
#endif

// MARK: - Descriptor sweep (runs in the forked child: async-signal-safe calls only)

#if defined(__linux__)
/// One record of getdents64(2).
struct aurora_dirent64 {
    uint64_t d_ino;
    int64_t d_off;
    unsigned short d_reclen;
    unsigned char d_type;
    char d_name[];
};

static int parse_descriptor(const char *name) {
    if (*name == '\0') return -1;
    int value = 0;
    for (; *name; name++) {
        if (*name < '0' || *name > '9' || value > 100000000) return -1;
        value = value * 10 + (*name - '0');
    }
    return value;
}

/// Closes every descriptor >= lowest listed in /proc/self/fd, except `keep`; 0 when /proc cannot be read.
/// Repeats the listing until a pass finds nothing left to close.
static int sweep_listed(int lowest, int keep) {
    int directory = open("/proc/self/fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (directory < 0) return 0;
    _Alignas(8) char buffer[4096];
    for (;;) {
        int closed = 0;
        long count;
        while ((count = syscall(SYS_getdents64, directory, buffer, sizeof buffer)) > 0) {
            for (long offset = 0; offset < count;) {
                struct aurora_dirent64 *entry = (struct aurora_dirent64 *)(buffer + offset);
                int fd = parse_descriptor(entry->d_name);
                if (fd >= lowest && fd != keep && fd != directory) {
                    close(fd);
                    closed = 1;
                }
                offset += entry->d_reclen;
            }
        }
        if (count < 0 || (closed && lseek(directory, 0, SEEK_SET) < 0)) {
            close(directory);
            return 0;
        }
        if (!closed) break;
    }
    close(directory);
    return 1;
}
#endif

/// Closes every descriptor >= lowest except `keep`, starting at the step `sweep` names.
static void sweep_descriptors(int lowest, int keep, aurora_sweep sweep, long limit) {
#if defined(__linux__)
    if (sweep == AURORA_SWEEP_AUTOMATIC) {
        int below = keep > lowest ? (int)syscall(SYS_close_range, (unsigned)lowest, (unsigned)keep - 1, 0) : 0;
        if (below == 0 && syscall(SYS_close_range, (unsigned)keep + 1, ~0U, 0) == 0) return;
    }
    if (sweep != AURORA_SWEEP_UP_TO_LIMIT && sweep_listed(lowest, keep)) return;
#else
    (void)sweep;
#endif
    for (long fd = lowest; fd < limit; fd++) {
        if (fd != keep) close((int)fd);
    }
}

// MARK: - Parent side

/// The kernel hands out no descriptor at or above the soft limit, so the last-resort loop stops there.
static long descriptor_limit(void) {
    struct rlimit limit;
    long value = 65536;
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY) value = (long)limit.rlim_cur;
    return value > (1L << 20) ? (1L << 20) : value;
}

/// `fd` if it is 3 or higher, else a close-on-exec copy at 3 or higher (-1 with errno on failure), so the child's
/// dup2 onto 0, 1 and 2 cannot overwrite a descriptor it still has to copy.
static int above_standard(int fd) {
    return fd > 2 ? fd : fcntl(fd, F_DUPFD_CLOEXEC, 3);
}

#if AURORA_HAVE_CLOSEFROM_ACTION
/// Whether close_range works here (it does not before Linux 5.9, and some sandboxes refuse it); asked once.
static int close_range_works(void) {
    static int known = -1;
    int value = __atomic_load_n(&known, __ATOMIC_RELAXED);
    if (value < 0) {
        // An empty range at the very top: closes nothing, fails only when the call itself is missing or refused.
        value = syscall(SYS_close_range, ~0U, ~0U, 0) == 0;
        __atomic_store_n(&known, value, __ATOMIC_RELAXED);
    }
    return value;
}

static int spawn_with_closefrom_action(const aurora_spawn_request *request, const int stdio[3], pid_t *pid) {
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attributes;
    int error = posix_spawn_file_actions_init(&actions);
    if (error != 0) return error;
    error = posix_spawnattr_init(&attributes);
    if (error != 0) {
        posix_spawn_file_actions_destroy(&actions);
        return error;
    }
    for (int target = 0; target < 3 && error == 0; target++) {
        error = posix_spawn_file_actions_adddup2(&actions, stdio[target], target);
    }
    // glibc closes with close_range here, which works (checked above); it would read /proc/self/fd otherwise.
    if (error == 0) error = posix_spawn_file_actions_addclosefrom_np(&actions, 3);
    short flags = 0;
    if (request->new_session) {
        flags |= POSIX_SPAWN_SETSID;
    } else if (request->new_process_group) {
        flags |= POSIX_SPAWN_SETPGROUP;
        if (error == 0) error = posix_spawnattr_setpgroup(&attributes, 0);
    }
    if (error == 0) error = posix_spawnattr_setflags(&attributes, flags);
    if (error == 0) error = posix_spawn(pid, request->path, &actions, &attributes, request->argv, request->envp);
    posix_spawnattr_destroy(&attributes);
    posix_spawn_file_actions_destroy(&actions);
    return error;
}
#endif

/// fork, then in the child: session or group, dup2 onto 0-2, the sweep, exec. The child reports a failure
/// (its errno) through a close-on-exec pipe, which exec closes on success.
static int spawn_with_fork(const aurora_spawn_request *request, const int stdio[3], pid_t *pid) {
    int report[2];
    if (pipe(report) != 0) return errno;
    for (int i = 0; i < 2; i++) {
        int moved = above_standard(report[i]);
        if (moved >= 0 && moved != report[i]) {
            close(report[i]);
            report[i] = moved;
        }
        if (moved < 0 || fcntl(report[i], F_SETFD, FD_CLOEXEC) != 0) {
            int error = errno;
            close(report[0]);
            close(report[1]);
            return error;
        }
    }
    long limit = descriptor_limit();

    pid_t child = fork();
    if (child < 0) {
        int error = errno;
        close(report[0]);
        close(report[1]);
        return error;
    }
    if (child == 0) {
        int failed = 0;
        if (request->new_session) {
            failed = setsid() < 0;
        } else if (request->new_process_group) {
            failed = setpgid(0, 0) != 0;
        }
        for (int target = 0; target < 3 && !failed; target++) {
            failed = dup2(stdio[target], target) < 0;
        }
        if (!failed) {
            sweep_descriptors(3, report[1], request->sweep, limit);
            execve(request->path, request->argv, request->envp);
        }
        int error = errno;
        (void)!write(report[1], &error, sizeof error);
        _exit(127);
    }

    close(report[1]);
    int child_error = 0;
    ssize_t count;
    do {
        count = read(report[0], &child_error, sizeof child_error);
    } while (count < 0 && errno == EINTR);
    close(report[0]);
    if (count == (ssize_t)sizeof child_error) {
        while (waitpid(child, NULL, 0) < 0 && errno == EINTR) {}
        return child_error;
    }
    *pid = child;
    return 0;
}

int aurora_spawn(const aurora_spawn_request *request, pid_t *pid) {
    int stdio[3];
    int copies = 0;
    int error = 0;
    for (int i = 0; i < 3; i++) {
        stdio[i] = above_standard(request->stdio[i]);
        if (stdio[i] < 0) {
            error = errno;
            break;
        }
        if (stdio[i] != request->stdio[i]) copies |= 1 << i;
    }
    if (error == 0) {
#if AURORA_HAVE_CLOSEFROM_ACTION
        if (request->sweep == AURORA_SWEEP_AUTOMATIC && close_range_works()) {
            error = spawn_with_closefrom_action(request, stdio, pid);
        } else {
            error = spawn_with_fork(request, stdio, pid);
        }
#else
        error = spawn_with_fork(request, stdio, pid);
#endif
    }
    for (int i = 0; i < 3; i++) {
        if ((copies & (1 << i)) && stdio[i] >= 0) close(stdio[i]);
    }
    return error;
}
