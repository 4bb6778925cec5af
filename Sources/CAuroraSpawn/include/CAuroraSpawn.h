#ifndef C_AURORA_SPAWN_H
#define C_AURORA_SPAWN_H
#include <spawn.h>

/// Asks posix_spawn to close every descriptor >= lowfd in the child, so sockets the parent opened without
/// close-on-exec (SwiftNIO's) do not leak into child processes. Returns 0, or an errno value (ENOSYS where
/// the C library has no posix_spawn_file_actions_addclosefrom_np).
int aurora_spawn_add_close_from(posix_spawn_file_actions_t *actions, int lowfd);

#endif
