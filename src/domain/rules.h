/* rules: the compensation rules, accountability rules and periodic duties
 * in force for a department — its charter's and its ancestors', nearer ones
 * overriding by id, as standards.h does for measures. Pure (reads parsed
 * charter documents). */
#ifndef CHARTER_RULES_H
#define CHARTER_RULES_H
#include <stddef.h>
#include <libxml/tree.h>
#include "engine.h"

#define RULES_MAX 32
#define RULE_EXCL_MAX 8

struct comp_rule_def {
	char	 id[65], trigger[33], currency[8], form[33], condition[33];
	long	 amount;
	char	 excl[RULE_EXCL_MAX + 1][33];	/* kinds */
	const char *exclp[RULE_EXCL_MAX + 1];	/* NULL-terminated, into excl */
	int	 excl_supplemented, excl_extended, apology;
	char	 origin[100];			/* "city/dept" stating it */
};

struct acct_rule_def {
	char	 id[65], count[33], action[17];	/* "dissatisfaction-upheld", "replace" */
	unsigned threshold;
	char	 origin[100];
};

struct duty_def {
	char	 id[65], what[33];		/* "board-check", "satisfaction-survey", "improvement-plan" */
	char	 every[17];			/* ISO 8601 ("P1D"), or "" */
	unsigned times;				/* per period; 1 by default */
	char	 within[17], after[33];		/* "P3M" after "survey-published", or "" */
	char	 origin[100];
};

struct rules {
	struct comp_rule_def	 comp[RULES_MAX];
	struct eng_comp_rule	 eng[RULES_MAX];	/* views of comp for engine_entitlements */
	size_t			 ncomp;
	struct acct_rule_def	 acct[RULES_MAX];
	size_t			 nacct;
	struct duty_def		 duty[RULES_MAX];
	size_t			 nduty;
};

/* roots[0] is the department's charter root, roots[i] its ancestors,
 * keys[i] their "city/dept". */
void	 rules_in_force(xmlNodePtr *roots, const char *const *keys, size_t n,
	    struct rules *out);
/* The action an officer with `upheld` upheld dissatisfaction reports
 * reaches (the rule with the highest threshold <= upheld), or NULL. */
const struct acct_rule_def *rules_accountability(const struct rules *, unsigned upheld);

#endif
