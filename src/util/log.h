/* log: one logging interface; lines carry the request id, control characters
 * are escaped so that request data cannot forge log lines. Never log
 * personal data (names, phones, addresses, e-mail). */
#ifndef CHARTER_LOG_H
#define CHARTER_LOG_H

enum log_level { LOG_ERR = 0, LOG_WARN, LOG_INFO, LOG_DEBUG };

/* Set once at start-up, before workers fork (configuration, not state). */
void	 log_init(const char *prog, enum log_level);
void	 log_msg(enum log_level, const char *reqid, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
#define log_err(id, ...)   log_msg(LOG_ERR, (id), __VA_ARGS__)
#define log_warn(id, ...)  log_msg(LOG_WARN, (id), __VA_ARGS__)
#define log_info(id, ...)  log_msg(LOG_INFO, (id), __VA_ARGS__)
#define log_debug(id, ...) log_msg(LOG_DEBUG, (id), __VA_ARGS__)

#endif
