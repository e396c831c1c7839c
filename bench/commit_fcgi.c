/* commit_fcgi: the ceiling for the board benchmark (bench/board.sh) — the least
 * a FastCGI handler can do for a post that is committed before the answer: read
 * the request body, run one prepared single-row INSERT of the limit's row
 * (bench_board_limit, created by board.sh) with autocommit, answer 303. No
 * parsing, no checks, no receipt: whatever charter.fcgi does beyond this is
 * its own cost. Pre-forked workers share one listening unix socket, each with
 * its own MariaDB connection.
 *
 * Usage: commit_fcgi [-n WORKERS] SOCKET DB_SOCKET DB_NAME
 * Stops its workers on SIGTERM / SIGINT. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <fcgiapp.h>
#include <mysql.h>

#define MAXW 64

static volatile sig_atomic_t stopping;

static void
on_term(int sig)
{
	(void)sig;
	stopping = 1;
}

static const char INS[] = "INSERT INTO bench_board_limit (title, body, name, address,"
    " phone, email, created_at) VALUES (?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6))";

/* The row: the same values bench/board.sh's limit loop inserts. */
static const char *const VAL[6] = { "도로 파손 신고 (벤치마크)",
	"포천시 중앙로 앞 보도블록이 깨져 있어 보행자가 넘어질 위험이 있습니다."
	" 빠른 보수를 부탁드립니다.", "벤치 시민", "포천시 중앙로 1", "031-000-0000",
	"bench@example.kr" };

static MYSQL_STMT *
prepare(MYSQL **my, const char *dbsock, const char *db)
{
	MYSQL_STMT *st;

	if ((*my = mysql_init(NULL)) == NULL ||
	    mysql_real_connect(*my, NULL, "root", NULL, db, 0, dbsock, 0) == NULL ||
	    mysql_set_character_set(*my, "utf8mb4") != 0 ||
	    (st = mysql_stmt_init(*my)) == NULL ||
	    mysql_stmt_prepare(st, INS, (unsigned long)strlen(INS)) != 0) {
		fprintf(stderr, "commit_fcgi: %s\n", *my ? mysql_error(*my) : "no memory");
		return NULL;
	}
	return st;
}

static void
serve(int fd, const char *dbsock, const char *db)
{
	FCGX_Request r;
	MYSQL	*my = NULL;
	MYSQL_STMT *st = NULL;
	MYSQL_BIND b[6];
	unsigned long len[6];
	char	 sink[8192];
	int	 i, ok;

	memset(b, 0, sizeof(b));
	for (i = 0; i < 6; i++) {
		len[i] = (unsigned long)strlen(VAL[i]);
		b[i].buffer_type = MYSQL_TYPE_STRING;
		b[i].buffer = (void *)VAL[i];
		b[i].buffer_length = len[i];
		b[i].length = &len[i];
	}
	FCGX_InitRequest(&r, fd, FCGI_FAIL_ACCEPT_ON_INTR);
	while (!stopping && FCGX_Accept_r(&r) >= 0) {
		while (FCGX_GetStr(sink, sizeof(sink), r.in) > 0)
			;	/* the post's body, read as a handler must */
		if (st == NULL)
			st = prepare(&my, dbsock, db);
		ok = st && mysql_stmt_bind_param(st, b) == 0 && mysql_stmt_execute(st) == 0;
		if (ok)
			FCGX_PutS("Status: 303 See Other\r\nLocation: /board/received\r\n"
			    "Content-Length: 0\r\n\r\n", r.out);
		else {
			fprintf(stderr, "commit_fcgi: %s\n", st ? mysql_stmt_error(st) : "no statement");
			FCGX_PutS("Status: 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n",
			    r.out);
		}
		FCGX_Finish_r(&r);
	}
	FCGX_Free(&r, 1);
	if (st)
		mysql_stmt_close(st);
	if (my)
		mysql_close(my);
}

int
main(int argc, char **argv)
{
	int	 c, fd, workers = 2, i, alive;
	pid_t	 kids[MAXW];
	struct sigaction sa;

	while ((c = getopt(argc, argv, "n:")) != -1)
		switch (c) {
		case 'n':
			workers = atoi(optarg);
			break;
		default:
			goto usage;
		}
	if (argc - optind != 3 || workers < 1 || workers > MAXW)
		goto usage;
	if (FCGX_Init() != 0 || mysql_library_init(0, NULL, NULL) != 0)
		return 1;
	unlink(argv[optind]);
	if ((fd = FCGX_OpenSocket(argv[optind], 128)) < 0) {
		fprintf(stderr, "commit_fcgi: cannot listen on %s\n", argv[optind]);
		return 1;
	}
	chmod(argv[optind], 0666);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	for (i = 0; i < workers; i++) {
		if ((kids[i] = fork()) == 0) {
			serve(fd, argv[optind + 1], argv[optind + 2]);
			_exit(0);
		}
		if (kids[i] < 0)
			return 1;
	}
	for (alive = workers; alive > 0;) {
		if (wait(NULL) > 0)
			alive--;
		else if (stopping)
			for (i = 0; i < workers; i++)
				kill(kids[i], SIGTERM);
	}
	unlink(argv[optind]);
	return 0;
usage:
	fprintf(stderr, "usage: commit_fcgi [-n WORKERS] SOCKET DB_SOCKET DB_NAME\n");
	return 2;
}
