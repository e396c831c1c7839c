-- 001: charters, their versions, access tokens, page-satisfaction votes, audit trail.
-- Applied by `charterctl migrate`; statements are separated by a semicolon at
-- the end of a line. Times are UTC (DATETIME(6)); text is utf8mb4.

CREATE TABLE IF NOT EXISTS charter_versions (
  id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  city         VARCHAR(32)  NOT NULL,
  dept         VARCHAR(64)  NOT NULL,
  version_no   INT UNSIGNED NOT NULL,
  label        VARCHAR(64)  NOT NULL,
  title        VARCHAR(255) NOT NULL,
  city_name    VARCHAR(128) NOT NULL,
  dept_name    VARCHAR(128) NOT NULL,
  parent_city  VARCHAR(32)  NULL,
  parent_dept  VARCHAR(64)  NULL,
  effective    DATE         NOT NULL,
  uploader     VARCHAR(128) NOT NULL,
  uploaded_at  DATETIME(6)  NOT NULL,
  sha256       CHAR(64)     NOT NULL,
  bytes        INT UNSIGNED NOT NULL,
  summary      VARCHAR(1024) NOT NULL DEFAULT '',
  xml          MEDIUMBLOB   NOT NULL,
  UNIQUE KEY charter_versions_no (city, dept, version_no)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS charters (
  city               VARCHAR(32) NOT NULL,
  dept               VARCHAR(64) NOT NULL,
  current_version_id BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (city, dept),
  CONSTRAINT charters_current FOREIGN KEY (current_version_id)
    REFERENCES charter_versions (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS api_tokens (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  token_hash  CHAR(64)     NOT NULL,
  role        ENUM('department','feed','auditor','admin') NOT NULL,
  city        VARCHAR(32)  NULL,
  dept        VARCHAR(64)  NULL,
  label       VARCHAR(128) NOT NULL DEFAULT '',
  created_at  DATETIME(6)  NOT NULL,
  revoked_at  DATETIME(6)  NULL,
  UNIQUE KEY api_tokens_hash (token_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS staff_users (
  username    VARCHAR(128) NOT NULL PRIMARY KEY,
  role        ENUM('department','feed','auditor','admin') NOT NULL,
  city        VARCHAR(32)  NULL,
  dept        VARCHAR(64)  NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS survey_votes (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  page        VARCHAR(512) NOT NULL,
  score       TINYINT UNSIGNED NOT NULL,
  comment     TEXT NULL,
  created_at  DATETIME(6)  NOT NULL,
  KEY survey_votes_page (page(191), created_at),
  CONSTRAINT survey_votes_score CHECK (score BETWEEN 1 AND 5)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS audit_log (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  at          DATETIME(6)  NOT NULL,
  actor       VARCHAR(160) NOT NULL,
  action      VARCHAR(64)  NOT NULL,
  subject     VARCHAR(255) NOT NULL,
  detail      VARCHAR(1024) NOT NULL DEFAULT '',
  KEY audit_log_subject (subject(191), at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
