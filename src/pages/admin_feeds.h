/* admin_feeds: POST /admin/feeds/g4c, a pushed G4C-style feed (g4c-feed.md). */
#ifndef CHARTER_ADMIN_FEEDS_H
#define CHARTER_ADMIN_FEEDS_H
struct req;
int	 h_feed_push(struct req *);
#endif
