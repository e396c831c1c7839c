/* purge: nginx treats a cache file that vanished as a miss and fetches the
 * page again, so removing the files is a safe purge. */
#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "purge.h"

/* nginx's levels=1:2 makes two levels of directories; allow a few more. */
static int
walk(const char *dir, int depth)
{
	DIR	*d;
	struct dirent *e;
	struct stat st;
	char	 path[4096];
	int	 n = 0, k;

	if (depth > 4 || (d = opendir(dir)) == NULL)
		return depth == 0 ? -1 : 0;
	while ((e = readdir(d)) != NULL) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, e->d_name) >= sizeof(path) ||
		    lstat(path, &st) == -1)
			continue;
		if (S_ISDIR(st.st_mode)) {
			if ((k = walk(path, depth + 1)) > 0)
				n += k;
		} else if (S_ISREG(st.st_mode) && unlink(path) == 0)
			n++;
	}
	closedir(d);
	return n;
}

int
purge_dir(const char *dir)
{
	return walk(dir, 0);
}
