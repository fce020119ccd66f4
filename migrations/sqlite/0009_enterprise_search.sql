-- PostgreSQL moves text search into a bigram-indexed table here. SQLite
-- searches the register's search_text directly. (Kept so both backends
-- number alike.)
SELECT 1;
