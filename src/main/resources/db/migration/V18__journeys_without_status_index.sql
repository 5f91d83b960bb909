-- The hot journey lookups (every job's step update, the account's active journey, checkpoints)
-- go by process instance, account or id, with status = 'ACTIVE' as a second condition. An index
-- on status alone (two or three values) never narrows them, and on H2 a statement planned while
-- the table was still empty could pick it over the instance-key index and keep that plan for the
-- connection's lifetime: every job's journey update then read all active journeys. Without it,
-- each of those lookups has one index to use; the rare status-only reads (recovery at start-up,
-- migrations, the journey list) read the table.
DROP INDEX ix_journeys_status;
