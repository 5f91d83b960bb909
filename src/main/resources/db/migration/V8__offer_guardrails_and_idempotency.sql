-- Offer guardrails per segment and between offers, database checks on every quote, and unique
-- business keys for the remaining side effects (H2 and PostgreSQL alike).

-- Per-segment limits. The effective limit of a quote is the strictest of the global policy
-- (guardrail_policies), the offer (catalog_offers) and the account's segment (this table).
--   max_discount        largest discount for the segment, as a fraction of the list price
--   approval_threshold  discounts above this need a manager (NULL: the global threshold)
--   quotes_allowed      FALSE: no quote at all for accounts in the segment
CREATE TABLE segment_guardrails (
    segment             VARCHAR(30)  PRIMARY KEY,
    max_discount        NUMERIC(5,4) NOT NULL,
    approval_threshold  NUMERIC(5,4),
    quotes_allowed      BOOLEAN      NOT NULL,
    rationale           VARCHAR(300) NOT NULL,
    CONSTRAINT ck_segment_max_discount CHECK (max_discount >= 0 AND max_discount <= 1),
    CONSTRAINT ck_segment_approval CHECK (approval_threshold IS NULL
                                          OR (approval_threshold >= 0 AND approval_threshold <= 1))
);

INSERT INTO segment_guardrails (segment, max_discount, approval_threshold, quotes_allowed, rationale)
VALUES
  ('high-potential', 0.2000, NULL, TRUE,
   'Growing, engaged accounts: up to 20 % to win the expansion, manager above the global threshold'),
  ('stable-adopter', 0.1000, 0.0500, TRUE,
   'Steady accounts buy on value, not price: at most 10 %, a manager approves anything above 5 %'),
  ('at-risk', 0.0000, NULL, TRUE,
   'Retention first: list price only, never a discount to push an upsell'),
  ('low-fit', 0.0000, NULL, FALSE,
   'Poor fit: no quotes');

-- Offers that cannot be held together: an account with an open or accepted offer of one of the
-- pair cannot be quoted the other. Symmetric; each pair is stored once.
CREATE TABLE offer_exclusions (
    offer_code           VARCHAR(60)  NOT NULL REFERENCES catalog_offers (code),
    excluded_offer_code  VARCHAR(60)  NOT NULL REFERENCES catalog_offers (code),
    reason               VARCHAR(300) NOT NULL,
    PRIMARY KEY (offer_code, excluded_offer_code),
    CONSTRAINT ck_offer_exclusion_distinct CHECK (offer_code <> excluded_offer_code)
);

INSERT INTO offer_exclusions (offer_code, excluded_offer_code, reason)
VALUES
  ('BUNDLE_PROTECTION', 'ADDON_ONLINE_SECURITY', 'the bundle already contains Online Security'),
  ('BUNDLE_PROTECTION', 'ADDON_ONLINE_BACKUP', 'the bundle already contains Online Backup'),
  ('BUNDLE_PROTECTION', 'ADDON_DEVICE_PROTECTION', 'the bundle already contains Device Protection'),
  ('BUNDLE_PROTECTION', 'ADDON_TECH_SUPPORT', 'the bundle already contains Premium Tech Support'),
  ('BUNDLE_STREAMING', 'ADDON_STREAMING_TV', 'the bundle already contains Streaming TV'),
  ('BUNDLE_STREAMING', 'ADDON_STREAMING_MOVIES', 'the bundle already contains Streaming Movies'),
  ('CONTRACT_ONE_YEAR', 'CONTRACT_TWO_YEAR', 'an account holds one contract term at a time');

-- Catalog and policy values must be sane fractions.
ALTER TABLE catalog_offers ADD CONSTRAINT ck_catalog_max_discount
    CHECK (max_discount >= 0 AND max_discount <= 1);
ALTER TABLE catalog_offers ADD CONSTRAINT ck_catalog_margin_floor
    CHECK (margin_floor >= 0 AND margin_floor < 1);
ALTER TABLE catalog_offers ADD CONSTRAINT ck_catalog_prices
    CHECK (list_price >= 0 AND unit_cost >= 0);
ALTER TABLE guardrail_policies ADD CONSTRAINT ck_policy_fractions
    CHECK (max_discount >= 0 AND max_discount <= 1 AND margin_floor >= 0 AND margin_floor < 1
           AND approval_threshold >= 0 AND approval_threshold <= 1);

-- Every quote stores the effective limits it was checked against; the database refuses a quote
-- whose discount exceeds its limit or whose margin is below its floor.
ALTER TABLE quotes ADD COLUMN max_discount_limit NUMERIC(5,4);
ALTER TABLE quotes ADD COLUMN margin_floor_limit NUMERIC(5,4);
ALTER TABLE quotes ADD COLUMN origin VARCHAR(20) NOT NULL DEFAULT 'journey';
UPDATE quotes SET max_discount_limit = discount, margin_floor_limit = 0;
ALTER TABLE quotes ALTER COLUMN max_discount_limit SET NOT NULL;
ALTER TABLE quotes ALTER COLUMN margin_floor_limit SET NOT NULL;
ALTER TABLE quotes ADD CONSTRAINT ck_quote_max_discount CHECK (discount <= max_discount_limit);
ALTER TABLE quotes ADD CONSTRAINT ck_quote_margin_floor
    CHECK (list_price = 0 OR margin >= margin_floor_limit);
ALTER TABLE quotes ADD CONSTRAINT ck_quote_net_price
    CHECK (net_price >= 0 AND net_price <= list_price);
CREATE INDEX ix_quotes_offer ON quotes (offer_id);

-- One outbox message per touch, so a redelivered touch can never queue a second message.
ALTER TABLE outbox ADD CONSTRAINT uq_outbox_touch UNIQUE (touch_id);
