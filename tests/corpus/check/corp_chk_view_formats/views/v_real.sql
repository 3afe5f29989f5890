-- Edited by hand in the database: the live view says score > 1.
CREATE VIEW v_real AS SELECT id FROM g WHERE score > 2;
