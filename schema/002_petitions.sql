-- 002: petitions (board posts and feed items), kept apart from the personal
-- data of their applicants; the standards that applied at intake; events;
-- attachments; receipt counters; feed sources; failed access-code attempts.

CREATE TABLE IF NOT EXISTS petitions (
  id                 BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  receipt_no         VARCHAR(128) NOT NULL,
  source             VARCHAR(64)  NOT NULL,
  external_id        VARCHAR(128) NULL,
  city               VARCHAR(32)  NOT NULL,
  dept               VARCHAR(64)  NOT NULL,
  charter_version_id BIGINT UNSIGNED NOT NULL,
  kind               VARCHAR(32)  NOT NULL,
  channel            VARCHAR(16)  NOT NULL,
  received_at        DATETIME(6)  NOT NULL,
  statutory_value    INT UNSIGNED NULL,
  statutory_unit     ENUM('hours','days') NULL,
  statutory_from     ENUM('feed','charter') NULL,
  state              VARCHAR(24)  NOT NULL DEFAULT 'received',
  title              VARCHAR(300) NOT NULL,
  body               MEDIUMTEXT   NOT NULL,
  protected          TINYINT(1)   NOT NULL DEFAULT 0,
  officer_name       VARCHAR(100) NULL,
  officer_unit       VARCHAR(100) NULL,
  officer_phone      VARCHAR(40)  NULL,
  access_code_hash   CHAR(64)     NULL,
  content_sha256     CHAR(64)     NOT NULL,
  created_at         DATETIME(6)  NOT NULL,
  updated_at         DATETIME(6)  NOT NULL,
  UNIQUE KEY petitions_receipt (receipt_no),
  UNIQUE KEY petitions_source (source, external_id),
  KEY petitions_dept (city, dept, received_at),
  CONSTRAINT petitions_charter FOREIGN KEY (charter_version_id) REFERENCES charter_versions (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS petition_applicants (
  petition_id  BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  name         VARCHAR(100) NOT NULL,
  address      VARCHAR(300) NOT NULL,
  phone        VARCHAR(40)  NULL,
  email        VARCHAR(254) NULL,
  sms_consent  TINYINT(1)   NOT NULL DEFAULT 0,
  CONSTRAINT applicants_petition FOREIGN KEY (petition_id) REFERENCES petitions (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS petition_measures (
  petition_id   BIGINT UNSIGNED NOT NULL,
  standard_id   VARCHAR(64)  NOT NULL,
  from_event    VARCHAR(32)  NOT NULL,
  to_event      VARCHAR(32)  NOT NULL,
  target        VARCHAR(32)  NULL,
  rings         INT UNSIGNED NULL,
  clock         VARCHAR(16)  NOT NULL,
  basis         VARCHAR(16)  NOT NULL,
  origin        VARCHAR(100) NOT NULL,
  PRIMARY KEY (petition_id, standard_id),
  CONSTRAINT measures_petition FOREIGN KEY (petition_id) REFERENCES petitions (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS petition_events (
  id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  petition_id  BIGINT UNSIGNED NOT NULL,
  type         VARCHAR(32)  NOT NULL,
  at           DATETIME(6)  NOT NULL,
  officer      VARCHAR(100) NULL,
  due          DATETIME(6)  NULL,
  reason       VARCHAR(500) NULL,
  recorded_by  VARCHAR(160) NOT NULL,
  recorded_at  DATETIME(6)  NOT NULL,
  UNIQUE KEY events_once (petition_id, type, at),
  CONSTRAINT events_petition FOREIGN KEY (petition_id) REFERENCES petitions (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS petition_attachments (
  id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  petition_id  BIGINT UNSIGNED NOT NULL,
  filename     VARCHAR(255) NOT NULL,
  media_type   VARCHAR(100) NOT NULL,
  bytes        INT UNSIGNED NOT NULL,
  sha256       CHAR(64)     NOT NULL,
  data         LONGBLOB     NOT NULL,
  CONSTRAINT attachments_petition FOREIGN KEY (petition_id) REFERENCES petitions (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS receipt_counters (
  year   SMALLINT UNSIGNED NOT NULL,
  city   VARCHAR(32) NOT NULL,
  dept   VARCHAR(64) NOT NULL,
  last   BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (year, city, dept)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS feed_sources (
  source         VARCHAR(64)  NOT NULL PRIMARY KEY,
  url            VARCHAR(1024) NULL,
  etag           VARCHAR(256) NULL,
  last_modified  VARCHAR(64)  NULL,
  last_sequence  BIGINT UNSIGNED NULL,
  last_pull_at   DATETIME(6)  NULL,
  last_error     VARCHAR(512) NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS access_failures (
  client      VARCHAR(64)  NOT NULL,
  at          DATETIME(6)  NOT NULL,
  KEY access_failures_client (client, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
