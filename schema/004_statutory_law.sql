-- 004: a petition whose feed and charter state no statutory period gets the
-- law's period for its kind from the configuration (statutory = KIND VALUE
-- UNIT), recorded as coming from the law.

ALTER TABLE petitions
  MODIFY statutory_from ENUM('feed','charter','law') NULL;
