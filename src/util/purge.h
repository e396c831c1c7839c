/* purge: empties a cache directory (nginx's fastcgi_cache for our pages), so
 * that a new charter version is served at once by the front server too. */
#ifndef CHARTER_PURGE_H
#define CHARTER_PURGE_H
/* Unlinks the regular files under dir (not dir itself). Returns the count
 * removed, or -1 if dir cannot be read. */
int	 purge_dir(const char *dir);
#endif
