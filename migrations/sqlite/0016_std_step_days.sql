-- Time spent in each state of standardization review, as a histogram per
-- county (buckets in tenths of a day: a tenth under 3 days, a day under 100,
-- ten days beyond): the statistics read it instead of pairing every event
-- with the one before (a province has millions of events). And the counts
-- by state, grade and industry read an index instead of the wide rows.
CREATE INDEX std_applications_counts ON std_applications (tenant_id, state, applied_grade, industry, overdue);

CREATE TABLE std_step_days (
    tenant_id TEXT NOT NULL,
    state     TEXT NOT NULL,
    tenths    BIGINT NOT NULL,
    n         BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, state, tenths)
);

INSERT INTO std_step_days (tenant_id, state, tenths, n)
SELECT e.tenant_id, e.from_state,
       CASE WHEN MIN((e.at - p.at) / 8640000, 36500) < 30 THEN MIN((e.at - p.at) / 8640000, 36500) WHEN MIN((e.at - p.at) / 8640000, 36500) < 1000 THEN MIN((e.at - p.at) / 8640000, 36500) / 10 * 10 ELSE MIN((e.at - p.at) / 8640000, 36500) / 100 * 100 END,
       COUNT(*)
FROM std_events e
JOIN std_events p ON p.tenant_id = e.tenant_id AND p.application_id = e.application_id AND p.seq = e.seq - 1
WHERE e.from_state IS NOT NULL AND e.from_state <> e.to_state
GROUP BY 1, 2, 3;
