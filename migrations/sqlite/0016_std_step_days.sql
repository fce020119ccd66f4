-- Time spent in each state of standardization review, as a histogram in
-- tenths of a day per county: the statistics read it instead of pairing
-- every event with the one before (a province has millions of events).
CREATE TABLE std_step_days (
    tenant_id TEXT NOT NULL,
    state     TEXT NOT NULL,
    tenths    BIGINT NOT NULL,
    n         BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, state, tenths)
);

INSERT INTO std_step_days (tenant_id, state, tenths, n)
SELECT e.tenant_id, e.from_state, MIN((e.at - p.at) / 8640000, 36500), COUNT(*)
FROM std_events e
JOIN std_events p ON p.tenant_id = e.tenant_id AND p.application_id = e.application_id AND p.seq = e.seq - 1
WHERE e.from_state IS NOT NULL AND e.from_state <> e.to_state
GROUP BY e.tenant_id, e.from_state, MIN((e.at - p.at) / 8640000, 36500);
