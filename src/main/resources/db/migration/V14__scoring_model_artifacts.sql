-- Boosted-trees health models (issue 16): a scoring model version keeps its booster (XGBoost's
-- UBJSON model, base64) beside its JSON definition, so scoring after a restart uses the same trees.
-- NULL for score cards and the configured weights.
ALTER TABLE scoring_models ADD COLUMN artifact TEXT;
