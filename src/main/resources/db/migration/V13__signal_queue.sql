-- Signals are stored first and routed to journeys by the signal queue (routing = 'QUEUED' until
-- then; 'RECEIVED' rows of earlier versions are picked up the same way). routed_at says when.
ALTER TABLE signals ADD COLUMN routed_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX ix_signals_routing ON signals (routing, id);
