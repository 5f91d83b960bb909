-- Seed data: the offer catalog and the first (active) guardrail policy.
-- Plain multi-row INSERTs so the script runs unchanged on H2 and PostgreSQL.
--
-- Catalog semantics:
--   list_price / unit_cost  monthly price and monthly cost of the offer
--   margin_floor            minimum (net - cost) / net after any discount
--   max_discount            maximum discount as a fraction of the list price
--   target_segments         segments the offer may be proposed to
--   requires_products       the account must own AT LEAST ONE of these (empty = no prerequisite)
--   excludes_products       the offer is not eligible if the account owns ANY of these
--   grants_products         added to the account on provisioning
--   removes_products        removed from the account on provisioning
--   new_contract_type       contract type set on provisioning (contract offers only)

INSERT INTO catalog_offers (code, name, kind, list_price, unit_cost, margin_floor, max_discount,
                            target_segments, requires_products, excludes_products,
                            grants_products, removes_products, new_contract_type, description,
                            active)
VALUES
  ('ADDON_ONLINE_SECURITY', 'Online Security', 'addon', 6.00, 1.20, 0.4000, 0.3000,
   'high-potential,stable-adopter', 'INTERNET_DSL,INTERNET_FIBER', 'ONLINE_SECURITY',
   'ONLINE_SECURITY', '', NULL,
   'Protect every device on your connection from malware, phishing and unsafe websites.', TRUE),
  ('ADDON_ONLINE_BACKUP', 'Online Backup', 'addon', 5.00, 1.00, 0.4000, 0.3000,
   'high-potential,stable-adopter', 'INTERNET_DSL,INTERNET_FIBER', 'ONLINE_BACKUP',
   'ONLINE_BACKUP', '', NULL,
   'Back up your photos and files to the cloud automatically so nothing important is ever lost.',
   TRUE),
  ('ADDON_DEVICE_PROTECTION', 'Device Protection', 'addon', 5.00, 1.50, 0.4000, 0.3000,
   'high-potential,stable-adopter', 'INTERNET_DSL,INTERNET_FIBER', 'DEVICE_PROTECTION',
   'DEVICE_PROTECTION', '', NULL,
   'Get your router and connected devices repaired or replaced quickly if they fail or break.',
   TRUE),
  ('ADDON_TECH_SUPPORT', 'Premium Tech Support', 'addon', 6.00, 2.40, 0.4000, 0.2500,
   'high-potential,stable-adopter', 'INTERNET_DSL,INTERNET_FIBER', 'TECH_SUPPORT',
   'TECH_SUPPORT', '', NULL,
   'Reach a dedicated expert by phone or chat whenever you need help with your service or devices.',
   TRUE),
  ('ADDON_STREAMING_TV', 'Streaming TV', 'addon', 10.00, 5.00, 0.3500, 0.2000,
   'high-potential,stable-adopter', 'INTERNET_DSL,INTERNET_FIBER', 'STREAMING_TV',
   'STREAMING_TV', '', NULL,
   'Watch live and on-demand TV channels on any screen in your home.', TRUE),
  ('ADDON_STREAMING_MOVIES', 'Streaming Movies', 'addon', 10.00, 5.00, 0.3500, 0.2000,
   'high-potential,stable-adopter', 'INTERNET_DSL,INTERNET_FIBER', 'STREAMING_MOVIES',
   'STREAMING_MOVIES', '', NULL,
   'Enjoy a growing library of films to stream whenever you like, with no rental fees.', TRUE),
  ('ADDON_MULTIPLE_LINES', 'Additional Phone Line', 'addon', 5.00, 1.50, 0.4000, 0.3000,
   'high-potential,stable-adopter', 'PHONE', 'MULTIPLE_LINES',
   'MULTIPLE_LINES', '', NULL,
   'Add another phone line to your plan so everyone in the household has their own number.',
   TRUE),
  ('BUNDLE_PROTECTION', 'Total Protection Bundle', 'bundle', 18.00, 6.10, 0.4500, 0.2500,
   'high-potential,stable-adopter', 'INTERNET_DSL,INTERNET_FIBER',
   'ONLINE_SECURITY,ONLINE_BACKUP,DEVICE_PROTECTION,TECH_SUPPORT',
   'ONLINE_SECURITY,ONLINE_BACKUP,DEVICE_PROTECTION,TECH_SUPPORT', '', NULL,
   'Get online security, cloud backup, device protection and premium tech support together for one lower price.',
   TRUE),
  ('BUNDLE_STREAMING', 'Streaming Bundle', 'bundle', 17.00, 10.00, 0.3500, 0.1500,
   'high-potential,stable-adopter', 'INTERNET_DSL,INTERNET_FIBER', 'STREAMING_TV,STREAMING_MOVIES',
   'STREAMING_TV,STREAMING_MOVIES', '', NULL,
   'Get both Streaming TV and Streaming Movies for less than the price of subscribing to each.',
   TRUE),
  ('UPGRADE_FIBER', 'Upgrade to Fiber', 'tier', 25.00, 12.00, 0.4000, 0.3000,
   'high-potential,stable-adopter', 'INTERNET_DSL', 'INTERNET_FIBER',
   'INTERNET_FIBER', 'INTERNET_DSL', NULL,
   'Move from DSL to fiber for much faster and more reliable internet at home.', TRUE),
  ('CONTRACT_ONE_YEAR', 'One-Year Contract', 'contract', 0.00, 0.00, 0.0000, 0.0000,
   'high-potential,stable-adopter', 'CONTRACT_MONTHLY', 'CONTRACT_ONE_YEAR,CONTRACT_TWO_YEAR',
   'CONTRACT_ONE_YEAR', 'CONTRACT_MONTHLY', 'one-year',
   'Lock in your current price for twelve months by switching to a one-year contract.', TRUE),
  ('CONTRACT_TWO_YEAR', 'Two-Year Contract', 'contract', 0.00, 0.00, 0.0000, 0.0000,
   'high-potential,stable-adopter', 'CONTRACT_MONTHLY,CONTRACT_ONE_YEAR', 'CONTRACT_TWO_YEAR',
   'CONTRACT_TWO_YEAR', 'CONTRACT_MONTHLY,CONTRACT_ONE_YEAR', 'two-year',
   'Lock in your current price for twenty-four months by switching to a two-year contract.', TRUE);

INSERT INTO guardrail_policies (version, margin_floor, max_discount, approval_threshold,
                                cooldown_days, max_touches, touch_window_days, approval_sla,
                                prove_value_sla, active, created_at)
VALUES (1, 0.4000, 0.3000, 0.1500, 30, 2, 7, 'PT48H', 'P14D', TRUE, CURRENT_TIMESTAMP);
