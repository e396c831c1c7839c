/* minimal_fcgi: the physical limit for benchmark (b) — a minimal libfcgi
 * program that answers every request with one file's bytes, held in memory,
 * as text/html. Pre-forked workers share one listening unix socket.
 *
 * Usage: minimal_fcgi [-k] [-n WORKERS] SOCKET FILE
 *   -n WORKERS  processes accepting on SOCKET (default 2, like charter.fcgi)
 *   -k          the accept loop charter.fcgi uses (src/front/app.c): poll the
 *               kept connection and the listening socket, and drop an idle kept
 *               connection when a new one is waiting. Without it this is the
 *               plain FCGX_Accept_r loop, which blocks on a kept connection
 *               (nginx `fastcgi_keep_conn on`) for as long as nginx keeps it.
 * Stops its workers on SIGTERM / SIGINT. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include <fcgiapp.h>

#define MAXW 64

static volatile sig_atomic_t stopping;

static void
on_term(int sig)
{
	(void)sig;
	stopping = 1;
}

static char *
slurp(const char *path, size_t *len)
{
	FILE	*f = fopen(path, "rb");
	char	*p = NULL;
	long	 n;

	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0 && (p = malloc((size_t)n + 1)) != NULL) {
		if (fread(p, 1, (size_t)n, f) != (size_t)n) {
			free(p);
			p = NULL;
		} else
			*len = (size_t)n;
	}
	fclose(f);
	return p;
}

static void
serve(int fd, const char *hdr, int hlen, const char *body, int blen, int pollmode)
{
	FCGX_Request r;
	struct pollfd p[2];
	int	 np;

	if (pollmode)
		(void)fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	FCGX_InitRequest(&r, fd, FCGI_FAIL_ACCEPT_ON_INTR);
	while (!stopping) {
		if (pollmode) {
			np = 0;
			if (r.ipcFd >= 0)
				p[np++] = (struct pollfd){ .fd = r.ipcFd, .events = POLLIN };
			p[np++] = (struct pollfd){ .fd = fd, .events = POLLIN };
			if (poll(p, (nfds_t)np, 1000) <= 0)
				continue;
			if (np == 2 && p[0].revents == 0)
				FCGX_Free(&r, 1);	/* idle kept connection */
		}
		if (FCGX_Accept_r(&r) < 0) {
			if (pollmode)
				continue;	/* another worker took it */
			break;
		}
		FCGX_PutStr(hdr, hlen, r.out);
		FCGX_PutStr(body, blen, r.out);
		FCGX_Finish_r(&r);
	}
	FCGX_Free(&r, 1);
}

int
main(int argc, char **argv)
{
	int	 c, fd, workers = 2, pollmode = 0, hlen, i, alive;
	pid_t	 kids[MAXW];
	size_t	 blen = 0;
	char	*body, hdr[256];
	struct sigaction sa;

	while ((c = getopt(argc, argv, "kn:")) != -1)
		switch (c) {
		case 'k':
			pollmode = 1;
			break;
		case 'n':
			workers = atoi(optarg);
			break;
		default:
			goto usage;
		}
	if (argc - optind != 2 || workers < 1 || workers > MAXW)
		goto usage;
	if ((body = slurp(argv[optind + 1], &blen)) == NULL || blen > 0x7fffffff) {
		fprintf(stderr, "minimal_fcgi: cannot read %s\n", argv[optind + 1]);
		return 1;
	}
	hlen = snprintf(hdr, sizeof(hdr), "Status: 200 OK\r\n"
	    "Content-Type: text/html; charset=utf-8\r\nContent-Length: %zu\r\n\r\n", blen);
	if (FCGX_Init() != 0)
		return 1;
	(void)unlink(argv[optind]);
	if ((fd = FCGX_OpenSocket(argv[optind], 128)) < 0) {
		fprintf(stderr, "minimal_fcgi: cannot listen on %s\n", argv[optind]);
		return 1;
	}
	(void)chmod(argv[optind], 0666);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;	/* no SA_RESTART: wake blocking calls */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	for (i = 0; i < workers; i++) {
		if ((kids[i] = fork()) == 0) {
			serve(fd, hdr, hlen, body, (int)blen, pollmode);
			_exit(0);
		}
		if (kids[i] < 0) {
			perror("minimal_fcgi: fork");
			kids[i] = 0;
		}
	}
	while (!stopping)
		pause();
	for (i = 0; i < workers; i++)
		if (kids[i] > 0)
			kill(kids[i], SIGTERM);
	for (alive = 1, i = 0; alive && i < 50; i++) {	/* at most ~5 s */
		alive = 0;
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
		for (c = 0; c < workers; c++)
			if (kids[c] > 0 && kill(kids[c], 0) == 0)
				alive = 1;
		if (alive)
			usleep(100000);
	}
	for (i = 0; i < workers; i++)
		if (kids[i] > 0 && kill(kids[i], 0) == 0)
			kill(kids[i], SIGKILL);
	while (waitpid(-1, NULL, 0) > 0 || errno == EINTR)
		;
	(void)unlink(argv[optind]);
	return 0;
usage:
	fprintf(stderr, "usage: minimal_fcgi [-k] [-n WORKERS] SOCKET FILE\n");
	return 2;
}
