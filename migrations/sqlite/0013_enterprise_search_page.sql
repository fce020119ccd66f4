-- PostgreSQL only (the search table's sort key and page function); SQLite
-- scans the register's search text.
SELECT 1;
