#include "lrplot_signals.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>

static char paths[LRPLOT_CLEANUP_SLOTS][LRPLOT_CLEANUP_PATH_MAX + 1];
static volatile sig_atomic_t used[LRPLOT_CLEANUP_SLOTS];
static volatile sig_atomic_t installed;

/// Removes every registered file, then dies of the same signal with its default disposition,
/// so the parent sees the conventional status (128 + signal number in a shell).
static void lrplot_cleanup_handler(int sig) {
    for (int i = 0; i < LRPLOT_CLEANUP_SLOTS; i++) {
        if (used[i]) unlink(paths[i]);
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

void lrplot_cleanup_install(void) {
    if (installed) return;
    installed = 1;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = lrplot_cleanup_handler;
    sigfillset(&action.sa_mask);  // one handler at a time
    int signals[] = {SIGINT, SIGTERM, SIGHUP};
    sigset_t handled;
    sigemptyset(&handled);
    for (unsigned i = 0; i < sizeof signals / sizeof signals[0]; i++) {
        struct sigaction old;
        // A signal ignored by the parent (nohup, `trap '' INT`) stays ignored.
        if (sigaction(signals[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN) continue;
        sigaction(signals[i], &action, NULL);
        sigaddset(&handled, signals[i]);
    }
    // A blocked mask is inherited across exec (some launchers leave most signals blocked):
    // unblock the handled ones, or Ctrl-C and kill would wait forever.
    sigprocmask(SIG_UNBLOCK, &handled, NULL);
}

int lrplot_cleanup_register(const char *path) {
    size_t length = strlen(path);
    if (length > LRPLOT_CLEANUP_PATH_MAX) return -1;
    for (int i = 0; i < LRPLOT_CLEANUP_SLOTS; i++) {
        if (used[i]) continue;
        memcpy(paths[i], path, length + 1);
        __atomic_signal_fence(__ATOMIC_SEQ_CST);  // the path is complete before the slot counts
        used[i] = 1;
        return i;
    }
    return -1;
}

void lrplot_cleanup_unregister(int slot) {
    if (slot < 0 || slot >= LRPLOT_CLEANUP_SLOTS) return;
    used[slot] = 0;
}

