-- 006: the worklist's order (nearest deadline first, petitions with nothing
-- due last) as an indexed column, so that a page of the worklist reads only
-- its rows, in index order, whatever the number of petitions.
ALTER TABLE petitions
  ADD COLUMN IF NOT EXISTS due_key DATETIME(6)
    AS (IFNULL(next_due, TIMESTAMP'9999-12-31 00:00:00')) PERSISTENT,
  ADD KEY IF NOT EXISTS petitions_due_key (due_key, id),
  ADD KEY IF NOT EXISTS petitions_dept_due_key (city, dept, due_key, id);
