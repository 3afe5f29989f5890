-- An unlogged table's serial (PostgreSQL 15+ makes its sequence unlogged too: it follows the table).
CREATE UNLOGGED TABLE scratch (id serial PRIMARY KEY, v text);
