/* holfile: adding holidays to the text of a holidays file (the format
 * calendar.h reads) the way a person editing it would. Every line already
 * there stays byte for byte (but the "years" line a whole year widens);
 * each new date becomes one "YYYY-MM-DD NAME" line after the last date
 * listed before it in its year, or, for a year the file does not list yet,
 * in a new "# YYYY" section between the years around it. A date the file
 * lists already is left as it is, whatever name the new data gives it (the
 * file is curated: 3·1절 stays 3·1절 when the API says 삼일절); such dates
 * are reported. Pure: text in, text out. */
#ifndef CHARTER_HOLFILE_H
#define CHARTER_HOLFILE_H
#include <stddef.h>
#include <stdint.h>
#include "calendar.h"

struct buf;

enum holfile_what {
	HF_ADDED,	/* a new line */
	HF_LISTED,	/* listed already under the same name(s) */
	HF_KEPT		/* listed already under another name: the file's kept */
};

struct holfile_change {
	int32_t		 day;
	char		 name[64];	/* the new data's name */
	char		 listed[64];	/* the file's name (HF_LISTED, HF_KEPT) */
	enum holfile_what what;
};

struct holfile_result {
	struct holfile_change *ch;	/* one per holiday given, in date order */
	size_t		 n, added;
	int32_t		 years[2];	/* the "years" line after the merge; 0 0: none */
	int		 years_changed;	/* widened to take in whole_year */
};

/* Merges the holidays add (sorted by day, one per day: kasi_holidays) into
 * text, a file calendar_parse accepts. whole_year: add is every holiday of
 * that year (0: not known to be), so a "years" line is widened to include
 * it (a file without one counts every year it lists). The new text is
 * appended to out. 0, or -1 when memory ran out (free res either way). */
int	 holfile_merge(const char *text, const struct cal_holiday *add, size_t n,
	    int whole_year, struct buf *out, struct holfile_result *res);
void	 holfile_result_free(struct holfile_result *);

#endif
