#ifndef LRPLOT_SIGNALS_H
#define LRPLOT_SIGNALS_H

/// Temporary files to remove when SIGINT, SIGTERM or SIGHUP ends the process.
///
/// The paths live in a fixed-size static array so that the handler only calls
/// async-signal-safe functions (unlink, signal, raise) and never allocates.

/// The number of paths that can be registered at once.
#define LRPLOT_CLEANUP_SLOTS 32
/// The longest path (in bytes, without the terminating NUL) that can be registered.
#define LRPLOT_CLEANUP_PATH_MAX 4095

/// Installs the handlers for SIGINT, SIGTERM and SIGHUP (once; later calls do nothing).
void lrplot_cleanup_install(void);

/// Registers `path` for removal; returns its slot, or -1 when it is too long or all slots are taken.
int lrplot_cleanup_register(const char *path);

/// Forgets the path in `slot` (a negative slot is ignored).
void lrplot_cleanup_unregister(int slot);

#endif
