-- A credit event withdrawn because its source was undone (a penalty revoked
-- on administrative reconsideration or in court, 行政复议/诉讼撤销): it stays on
-- record, with when and why, but no longer counts towards a grade or a listing.
ALTER TABLE cr_events ADD COLUMN withdrawn_at BIGINT;
ALTER TABLE cr_events ADD COLUMN withdrawn_reason TEXT;
