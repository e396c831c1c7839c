/* server: the FastCGI socket (inherited on fd 0, or bound from --listen) and
 * a pre-forked pool of workers; dead workers are replaced; SIGTERM lets the
 * requests in flight finish, then everything exits. */
#ifndef CHARTER_SERVER_H
#define CHARTER_SERVER_H

/* Opens "unix:/path" or "host:port" (or returns 0 for an inherited socket
 * when spec is empty). -1 on error (message printed). */
int	 server_listen(const char *spec);
/* Runs nworkers children, each calling serve(fd, arg) until it returns.
 * Returns the exit status for main. */
int	 server_run(int fd, unsigned nworkers, void (*serve)(int, void *), void *arg);
/* For workers: 1 once SIGTERM asked them to stop. */
int	 server_stopping(void);
/* Installs the worker's SIGTERM handler: it only sets the flag; workers
 * poll with a timeout and look at it between requests. */
void	 server_worker_signals(void);

#endif
