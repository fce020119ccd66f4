-- Every unique key of a tenant-owned table includes tenant_id, so that the
-- table can be distributed by tenant on Citus (a unique index there must
-- contain the distribution column). The two keys below were unique on their
-- own: a public report's follow-up token (256 random bits, so still unique
-- in practice) and a certificate's number (made unique by its province-wide
-- sequence, std_certificate_sequences). Look-ups by token or number alone
-- still find the row.
DROP INDEX hazard_public_reports_token;
CREATE UNIQUE INDEX hazard_public_reports_token ON hazard_public_reports (token_hash, tenant_id);
DROP INDEX std_certificates_number;
CREATE UNIQUE INDEX std_certificates_number ON std_certificates (number, tenant_id);
