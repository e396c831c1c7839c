-- 005: indexes for `charterctl sweep` (src/sweep.c): reading back the
-- results one run booked (booked_by), counting what a run booked in the
-- ledger, and finding the petitions not yet evaluated.

ALTER TABLE petition_measures
  ADD KEY IF NOT EXISTS measures_booked_by (booked_by, petition_id);

ALTER TABLE compensation
  ADD KEY IF NOT EXISTS compensation_booked_by (booked_by);

ALTER TABLE petitions
  ADD KEY IF NOT EXISTS petitions_unevaluated (evaluated_at);
