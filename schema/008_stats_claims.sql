-- 008: marks of months to recompute without a hot row (issue 3).
--
-- Until now every change marked its (city, dept, month) with
-- INSERT ... ON DUPLICATE KEY UPDATE gen = gen + 1: an exclusive lock on the
-- month's one row, held until the change committed, so the board posts and
-- events of one department and month committed one after another whatever
-- the number of workers. A change now marks with INSERT IGNORE on the
-- unclaimed row (claimed = 0): a shared lock when the mark exists, so marks
-- do not wait for each other. A refresh first claims the marks of a month
-- (UPDATE ... SET claimed = UUID_SHORT(): it waits for the changes that made
-- them to commit, and is committed at once), then recomputes the month and
-- deletes its claimed rows in one transaction. A mark made after the claim
-- is a new unclaimed row, left for the next refresh; a claimed row whose
-- refresh failed stays, and is recomputed by the next one.

ALTER TABLE stats_dirty
  ADD COLUMN IF NOT EXISTS claimed BIGINT UNSIGNED NOT NULL DEFAULT 0,
  DROP COLUMN IF EXISTS gen,
  DROP PRIMARY KEY,
  ADD PRIMARY KEY (city, dept, month, claimed);
