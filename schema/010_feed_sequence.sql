-- 010: the feed a petition's stored fields came from (issue 3: "replaying a feed changes
-- nothing").
--
-- g4c-feed.md: a source's `sequence` grows with every feed it publishes. A feed item is
-- now applied to a known petition only when its feed's sequence is not lower than the one
-- the petition's fields came from, so a late or replayed older feed (a retried push, a
-- delivery out of order) never writes older text over newer. NULL: a board post, or a
-- petition stored before this column existed (any feed may update it).

ALTER TABLE petitions
  ADD COLUMN IF NOT EXISTS feed_sequence BIGINT UNSIGNED NULL;
