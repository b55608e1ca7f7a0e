#include "CCurl.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

// The write end of the pipe the handler reports signals on. Written once, before the
// handler is installed, and only read by the handler afterwards.
static int signal_pipe_write_end = -1;

// Async-signal-safe: one write(2) of the signal number, errno preserved.
static void report_signal(int signal_number) {
    int saved = errno;
    unsigned char byte = (unsigned char)signal_number;
    ssize_t ignored = write(signal_pipe_write_end, &byte, 1);
    (void)ignored;
    errno = saved;
}

int csignals_install(const int *signals, int count) {
    int ends[2];
    if (pipe(ends) != 0) return -1;
    for (int index = 0; index < 2; index++) fcntl(ends[index], F_SETFD, FD_CLOEXEC);
    signal_pipe_write_end = ends[1];
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = report_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    for (int index = 0; index < count; index++) {
        if (sigaction(signals[index], &action, NULL) != 0) return -1;
    }
    return ends[0];
}
