/* server: prefork supervisor in the style of slowcgi and spawn-fcgi. The
 * only mutable globals are the signal flags, as signal handlers need. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <fcgiapp.h>
#include "server.h"
#include "../util/clock.h"
#include "../util/log.h"

#define MAX_WORKERS 256

static volatile sig_atomic_t got_term;	/* parent and workers */
static volatile sig_atomic_t got_chld;	/* parent */

static void
on_term(int sig)
{
	(void)sig;
	got_term = 1;
}

static void
on_chld(int sig)
{
	(void)sig;
	got_chld = 1;
}

int
server_stopping(void)
{
	return got_term != 0;
}

void
server_worker_signals(void)
{
	struct sigaction sa;
	sigset_t none;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	sa.sa_flags = SA_RESTART;	/* requests in flight are not disturbed */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = SIG_DFL;
	sigaction(SIGCHLD, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	/* the supervisor forks with these blocked */
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

int
server_listen(const char *spec)
{
	int	 fd;

	if (spec == NULL || *spec == '\0')
		return 0;	/* FCGI_LISTENSOCK_FILENO: spawn-fcgi, systemd */
	if (strncmp(spec, "unix:", 5) == 0) {
		spec += 5;
		(void)unlink(spec);
	}
	if ((fd = FCGX_OpenSocket(spec, 128)) < 0) {
		fprintf(stderr, "charter.fcgi: cannot listen on %s\n", spec);
		return -1;
	}
	if (spec[0] == '/')
		(void)chmod(spec, 0660);
	return fd;
}

static pid_t
spawn(int fd, void (*serve)(int, void *), void *arg)
{
	pid_t	 pid = fork();

	if (pid == 0) {
		server_worker_signals();
		serve(fd, arg);
		_exit(0);
	}
	if (pid < 0)
		log_err(NULL, "fork: %s", strerror(errno));
	return pid;
}

/* Replaces exited workers; returns how many are still alive. */
static unsigned
reap(pid_t *kids, unsigned n, int respawn, int fd, void (*serve)(int, void *),
    void *arg)
{
	pid_t	 pid;
	int	 st;
	unsigned i, alive = 0;

	while ((pid = waitpid(-1, &st, WNOHANG)) > 0)
		for (i = 0; i < n; i++)
			if (kids[i] == pid) {
				kids[i] = 0;
				if (respawn) {
					log_warn(NULL, "worker %ld exited (status %d); replacing it",
					    (long)pid, st);
					kids[i] = spawn(fd, serve, arg);
				}
			}
	for (i = 0; i < n; i++)
		if (kids[i] > 0)
			alive++;
	return alive;
}

int
server_run(int fd, unsigned n, void (*serve)(int, void *), void *arg)
{
	pid_t	 kids[MAX_WORKERS] = { 0 };
	struct sigaction sa;
	sigset_t block, old;
	unsigned i;
	long long term_at = 0;		/* clock_mono_ms() when SIGTERM came */

	if (n > MAX_WORKERS)
		n = MAX_WORKERS;
	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = on_chld;
	sigaction(SIGCHLD, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	sigemptyset(&block);
	sigaddset(&block, SIGCHLD);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigprocmask(SIG_BLOCK, &block, &old);
	for (i = 0; i < n; i++)
		kids[i] = spawn(fd, serve, arg);
	log_info(NULL, "serving with %u workers", n);
	for (;;) {
		sigset_t wait = old;

		if (!got_term && !got_chld)
			sigsuspend(&wait);
		got_chld = 0;
		if (got_term && term_at == 0) {
			term_at = clock_mono_ms();
			log_info(NULL, "stopping: letting requests in flight finish");
			for (i = 0; i < n; i++)
				if (kids[i] > 0)
					kill(kids[i], SIGTERM);
		}
		if (reap(kids, n, !got_term, fd, serve, arg) == 0 && got_term)
			break;
		if (got_term) {
			/* a worker that was between two checks may need another nudge */
			sigprocmask(SIG_SETMASK, &old, NULL);
			sleep(1);
			sigprocmask(SIG_BLOCK, &block, NULL);
			for (i = 0; i < n; i++)
				if (kids[i] > 0)
					kill(kids[i], clock_mono_ms() - term_at > 30000 ? SIGKILL : SIGTERM);
		}
	}
	log_info(NULL, "stopped");
	return 0;
}
