-- 003: the standards engine. Each row of petition_measures becomes that
-- measure's result (pending with its due instant, met, breached, not
-- applicable); the sweep books breaches once (breach_booked_at); the
-- compensation ledger, duty records and duty breaches; engine state (the
-- digest of the calendar the stored deadlines were computed with).

ALTER TABLE petitions
  ADD COLUMN IF NOT EXISTS supplemented  TINYINT(1)  NOT NULL DEFAULT 0,
  ADD COLUMN IF NOT EXISTS extended      TINYINT(1)  NOT NULL DEFAULT 0,
  ADD COLUMN IF NOT EXISTS answered_at   DATETIME(6) NULL,
  ADD COLUMN IF NOT EXISTS closed_at     DATETIME(6) NULL,
  ADD COLUMN IF NOT EXISTS statutory_due DATETIME(6) NULL,
  ADD COLUMN IF NOT EXISTS next_due      DATETIME(6) NULL,
  ADD COLUMN IF NOT EXISTS breached      TINYINT(1)  NOT NULL DEFAULT 0,
  ADD COLUMN IF NOT EXISTS evaluated_at  DATETIME(6) NULL,
  ADD KEY IF NOT EXISTS petitions_worklist (city, dept, next_due),
  ADD KEY IF NOT EXISTS petitions_next_due (next_due);

ALTER TABLE petition_measures
  ADD COLUMN IF NOT EXISTS status ENUM('pending','met','breached','na') NOT NULL DEFAULT 'pending',
  ADD COLUMN IF NOT EXISTS started_at       DATETIME(6) NULL,
  ADD COLUMN IF NOT EXISTS due              DATETIME(6) NULL,
  ADD COLUMN IF NOT EXISTS done_at          DATETIME(6) NULL,
  ADD COLUMN IF NOT EXISTS late_seconds     BIGINT      NULL,
  ADD COLUMN IF NOT EXISTS paused           TINYINT(1)  NOT NULL DEFAULT 0,
  ADD COLUMN IF NOT EXISTS breach_booked_at DATETIME(6) NULL,
  ADD COLUMN IF NOT EXISTS booked_by        VARCHAR(64) NULL,
  ADD KEY IF NOT EXISTS measures_sweep (status, due);

-- dissatisfaction reports: upheld or not; "extended" events: the
-- petitioner's consent to a second extension; every event: a note.
ALTER TABLE petition_events
  ADD COLUMN IF NOT EXISTS upheld  TINYINT(1)   NULL,
  ADD COLUMN IF NOT EXISTS consent TINYINT(1)   NULL,
  ADD COLUMN IF NOT EXISTS note    VARCHAR(500) NULL,
  ADD KEY IF NOT EXISTS events_officer (type, officer);

CREATE TABLE IF NOT EXISTS compensation (
  id                 BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  petition_id        BIGINT UNSIGNED NOT NULL,
  entitlement_key    VARCHAR(96)  NOT NULL,
  rule_id            VARCHAR(64)  NOT NULL,
  rule_origin        VARCHAR(100) NOT NULL,
  charter_version_id BIGINT UNSIGNED NOT NULL,
  trigger_name       VARCHAR(32)  NOT NULL,
  standard_id        VARCHAR(64)  NULL,
  amount             INT UNSIGNED NOT NULL,
  currency           CHAR(3)      NOT NULL,
  form               VARCHAR(32)  NOT NULL,
  state              ENUM('owed','notified','paid') NOT NULL DEFAULT 'owed',
  arose_at           DATETIME(6)  NOT NULL,
  booked_at          DATETIME(6)  NOT NULL,
  booked_by          VARCHAR(64)  NOT NULL,
  notified_at        DATETIME(6)  NULL,
  paid_at            DATETIME(6)  NULL,
  UNIQUE KEY compensation_once (petition_id, entitlement_key),
  KEY compensation_state (state, booked_at),
  CONSTRAINT compensation_petition FOREIGN KEY (petition_id) REFERENCES petitions (id),
  CONSTRAINT compensation_charter FOREIGN KEY (charter_version_id) REFERENCES charter_versions (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- every change of a compensation's state, with who made it
CREATE TABLE IF NOT EXISTS compensation_log (
  id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  compensation_id BIGINT UNSIGNED NOT NULL,
  state           ENUM('owed','notified','paid') NOT NULL,
  at              DATETIME(6)  NOT NULL,
  by_whom         VARCHAR(160) NOT NULL,
  note            VARCHAR(500) NULL,
  KEY compensation_log_entry (compensation_id, at),
  CONSTRAINT compensation_log_entry FOREIGN KEY (compensation_id) REFERENCES compensation (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- what a department did for its periodic duties: board checks, survey
-- published, improvement plan published
CREATE TABLE IF NOT EXISTS duty_records (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  city        VARCHAR(32)  NOT NULL,
  dept        VARCHAR(64)  NOT NULL,
  what        VARCHAR(32)  NOT NULL,
  at          DATETIME(6)  NOT NULL,
  note        VARCHAR(500) NULL,
  recorded_by VARCHAR(160) NOT NULL,
  recorded_at DATETIME(6)  NOT NULL,
  UNIQUE KEY duty_records_once (city, dept, what, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- a period in which a duty was not done, booked once by the sweep
CREATE TABLE IF NOT EXISTS duty_breaches (
  city         VARCHAR(32)  NOT NULL,
  dept         VARCHAR(64)  NOT NULL,
  duty_id      VARCHAR(64)  NOT NULL,
  period_start DATETIME(6)  NOT NULL,
  period_end   DATETIME(6)  NOT NULL,
  expected     INT UNSIGNED NOT NULL,
  done         INT UNSIGNED NOT NULL,
  rule_origin  VARCHAR(100) NOT NULL,
  booked_at    DATETIME(6)  NOT NULL,
  booked_by    VARCHAR(64)  NOT NULL,
  PRIMARY KEY (city, dept, duty_id, period_start)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS engine_state (
  name        VARCHAR(64)  NOT NULL PRIMARY KEY,
  value       VARCHAR(255) NOT NULL,
  updated_at  DATETIME(6)  NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS sweep_runs (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  sweeper     VARCHAR(64)  NOT NULL,
  started_at  DATETIME(6)  NOT NULL,
  finished_at DATETIME(6)  NULL,
  breaches    INT UNSIGNED NOT NULL DEFAULT 0,
  compensations INT UNSIGNED NOT NULL DEFAULT 0,
  duty_breaches INT UNSIGNED NOT NULL DEFAULT 0,
  redated     INT UNSIGNED NOT NULL DEFAULT 0
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
