-- Who caused a decision: the signed-in user's name for what a person did (task completed, consent
-- changed, model activated, calibration, quote proposed, erasure, import), 'system' for the
-- engine's workers. Rows written before sign-in existed were all the engine's or anonymous.
ALTER TABLE decisions ADD COLUMN actor VARCHAR(100) DEFAULT 'system' NOT NULL;

-- Decisions about the whole book (model activation, calibration, import) belong to no account.
ALTER TABLE decisions ALTER COLUMN account_id DROP NOT NULL;

CREATE INDEX ix_decisions_actor ON decisions (actor, id);
