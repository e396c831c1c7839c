/* migrate: applies schema/NNN_*.sql in order, once each, recorded in
 * schema_migrations. Running it again changes nothing. */
#ifndef CHARTER_MIGRATE_H
#define CHARTER_MIGRATE_H
struct db;
/* Returns the number of migrations applied now, or -1 (message printed). */
int	 migrate_run(struct db *, const char *schemadir);
#endif
