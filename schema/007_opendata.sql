-- 007: open data. Figures are kept per city, department, standard and
-- month in summary tables; a month is the petition's month of receipt in
-- Asia/Seoul (UTC+9, no daylight saving). Whatever changes a petition's
-- results marks its (city, dept, month) in stats_dirty; stats_refresh()
-- recomputes the marked months from the raw rows (the same SQL as
-- `charterctl stats rebuild`, which recomputes every month), so the
-- incremental figures and a rebuild cannot differ.

ALTER TABLE petitions
  ADD COLUMN IF NOT EXISTS received_month DATE
    AS (DATE(received_at + INTERVAL 9 HOUR)
        - INTERVAL (DAYOFMONTH(received_at + INTERVAL 9 HOUR) - 1) DAY) PERSISTENT,
  ADD KEY IF NOT EXISTS petitions_month (city, dept, received_month, id),
  ADD KEY IF NOT EXISTS petitions_city_received (city, received_at, id);

-- compliance per standard (standard_id = petition_measures.standard_id) and
-- for the petition as a whole (standard_id = '*'):
--   applicable  measure rows (or petitions for '*')
--   met, breached, pending, na  by result ('*': breached = any measure
--               breached; met = none breached, none pending, at least one
--               met; pending = none breached, at least one pending;
--               na = the rest)
--   evaluated   met + breached; compliance rate = met / evaluated
--   comp_*      compensation rows (any state) and those paid, with their
--               amounts ('*': all of the petition's; a standard: those whose
--               compensation.standard_id is that standard)
CREATE TABLE IF NOT EXISTS stats_compliance (
  city          VARCHAR(32)  NOT NULL,
  dept          VARCHAR(64)  NOT NULL,
  month         DATE         NOT NULL,
  standard_id   VARCHAR(64)  NOT NULL,
  applicable    INT UNSIGNED NOT NULL DEFAULT 0,
  met           INT UNSIGNED NOT NULL DEFAULT 0,
  breached      INT UNSIGNED NOT NULL DEFAULT 0,
  pending       INT UNSIGNED NOT NULL DEFAULT 0,
  na            INT UNSIGNED NOT NULL DEFAULT 0,
  comp_count    INT UNSIGNED NOT NULL DEFAULT 0,
  comp_amount   BIGINT UNSIGNED NOT NULL DEFAULT 0,
  paid_count    INT UNSIGNED NOT NULL DEFAULT 0,
  paid_amount   BIGINT UNSIGNED NOT NULL DEFAULT 0,
  PRIMARY KEY (city, dept, month, standard_id),
  KEY stats_compliance_month (month)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- time to answer: petitions answered (answered_at set), by whole hours
-- FLOOR((answered_at - received_at) in seconds / 3600), at least 0; median
-- and 90th percentile are nearest-rank over this histogram.
CREATE TABLE IF NOT EXISTS stats_answer_hours (
  city          VARCHAR(32)  NOT NULL,
  dept          VARCHAR(64)  NOT NULL,
  month         DATE         NOT NULL,
  hours         INT UNSIGNED NOT NULL,
  n             INT UNSIGNED NOT NULL,
  PRIMARY KEY (city, dept, month, hours)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- the citizens' questionnaire after an answer (once per petition)
CREATE TABLE IF NOT EXISTS petition_feedback (
  petition_id   BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  score         TINYINT UNSIGNED NOT NULL,
  promise_kept  TINYINT(1)   NULL,
  comment       TEXT         NULL,
  created_at    DATETIME(6)  NOT NULL,
  CONSTRAINT feedback_petition FOREIGN KEY (petition_id) REFERENCES petitions (id),
  CONSTRAINT feedback_score CHECK (score BETWEEN 1 AND 5)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- questionnaire answers per department and month of receipt
CREATE TABLE IF NOT EXISTS stats_feedback (
  city          VARCHAR(32)  NOT NULL,
  dept          VARCHAR(64)  NOT NULL,
  month         DATE         NOT NULL,
  responses     INT UNSIGNED NOT NULL DEFAULT 0,
  score_sum     INT UNSIGNED NOT NULL DEFAULT 0,
  s1 INT UNSIGNED NOT NULL DEFAULT 0, s2 INT UNSIGNED NOT NULL DEFAULT 0,
  s3 INT UNSIGNED NOT NULL DEFAULT 0, s4 INT UNSIGNED NOT NULL DEFAULT 0,
  s5 INT UNSIGNED NOT NULL DEFAULT 0,
  kept_yes      INT UNSIGNED NOT NULL DEFAULT 0,
  kept_no       INT UNSIGNED NOT NULL DEFAULT 0,
  PRIMARY KEY (city, dept, month)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- the page widget's votes per page and month of the vote (KST); kept in
-- the vote's own transaction
CREATE TABLE IF NOT EXISTS stats_votes (
  page          VARCHAR(512) NOT NULL,
  month         DATE         NOT NULL,
  votes         INT UNSIGNED NOT NULL DEFAULT 0,
  score_sum     INT UNSIGNED NOT NULL DEFAULT 0,
  s1 INT UNSIGNED NOT NULL DEFAULT 0, s2 INT UNSIGNED NOT NULL DEFAULT 0,
  s3 INT UNSIGNED NOT NULL DEFAULT 0, s4 INT UNSIGNED NOT NULL DEFAULT 0,
  s5 INT UNSIGNED NOT NULL DEFAULT 0,
  PRIMARY KEY (page, month)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- months whose figures must be recomputed; gen grows with every mark so a
-- refresh removes only the marks it has seen
CREATE TABLE IF NOT EXISTS stats_dirty (
  city          VARCHAR(32)  NOT NULL,
  dept          VARCHAR(64)  NOT NULL,
  month         DATE         NOT NULL,
  gen           BIGINT UNSIGNED NOT NULL DEFAULT 1,
  PRIMARY KEY (city, dept, month)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- the yearly satisfaction (and compliance) survey results and the
-- improvement plans, published by the auditor role
CREATE TABLE IF NOT EXISTS survey_results (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  city          VARCHAR(32)  NOT NULL,
  dept          VARCHAR(64)  NOT NULL,
  year          SMALLINT UNSIGNED NOT NULL,
  kind          ENUM('satisfaction','compliance') NOT NULL DEFAULT 'satisfaction',
  respondents   INT UNSIGNED NOT NULL,
  score         DECIMAL(5,2) NOT NULL,
  summary       TEXT         NOT NULL,
  published_at  DATETIME(6)  NOT NULL,
  recorded_by   VARCHAR(160) NOT NULL,
  UNIQUE KEY survey_results_once (city, dept, year, kind)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS improvement_plans (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  city          VARCHAR(32)  NOT NULL,
  dept          VARCHAR(64)  NOT NULL,
  year          SMALLINT UNSIGNED NOT NULL,
  plan          TEXT         NOT NULL,
  published_at  DATETIME(6)  NOT NULL,
  recorded_by   VARCHAR(160) NOT NULL,
  UNIQUE KEY improvement_plans_once (city, dept, year)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Open311: api keys are tokens of the role 'open311'; a request posted
-- through it gets a token (tokens/{token}) beside its receipt number
ALTER TABLE api_tokens
  MODIFY role ENUM('department','feed','auditor','admin','open311') NOT NULL;

CREATE TABLE IF NOT EXISTS open311_tokens (
  token         CHAR(32)     NOT NULL PRIMARY KEY,
  petition_id   BIGINT UNSIGNED NOT NULL,
  created_at    DATETIME(6)  NOT NULL,
  CONSTRAINT open311_tokens_petition FOREIGN KEY (petition_id) REFERENCES petitions (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
