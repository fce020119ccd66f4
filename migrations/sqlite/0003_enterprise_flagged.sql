-- A partial index for risk-flag filters: most enterprises carry no risk flag;
-- list filters on a flag add `risk_flags <> ''` so they can use it.
CREATE INDEX enterprises_flagged ON enterprises (size_band, name) WHERE risk_flags <> '';
