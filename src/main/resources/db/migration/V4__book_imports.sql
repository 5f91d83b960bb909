-- Runs of the book importer (POST /api/imports, the demo loader and the command line), with
-- progress counters and the first errors (JSON array of {line, column, reason}).
CREATE TABLE import_runs (
    id            VARCHAR(40)   PRIMARY KEY,
    mapping       VARCHAR(80)   NOT NULL,
    file_name     VARCHAR(300),
    state         VARCHAR(20)   NOT NULL,
    rows_read     INTEGER       NOT NULL DEFAULT 0,
    imported      INTEGER       NOT NULL DEFAULT 0,
    updated       INTEGER       NOT NULL DEFAULT 0,
    unchanged     INTEGER       NOT NULL DEFAULT 0,
    rejected      INTEGER       NOT NULL DEFAULT 0,
    errors        TEXT          NOT NULL,
    message       VARCHAR(2000),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at    TIMESTAMP WITH TIME ZONE,
    finished_at   TIMESTAMP WITH TIME ZONE,
    duration_ms   BIGINT
);
CREATE INDEX ix_import_runs_created ON import_runs (created_at);

-- Per imported account: the content hash of the source row it was last imported from, so a
-- re-run leaves unchanged rows alone and updates changed ones (upsert by account id).
CREATE TABLE account_import_rows (
    account_id   VARCHAR(40)  PRIMARY KEY,
    mapping      VARCHAR(80)  NOT NULL,
    row_hash     VARCHAR(64)  NOT NULL,
    import_id    VARCHAR(40),
    imported_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
