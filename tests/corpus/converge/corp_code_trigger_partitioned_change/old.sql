-- Triggers on a partitioned table: a WHEN added to a row trigger (its clones on partitions follow), one dropped, a TRUNCATE statement trigger added, a partition added in the same plan (it gets the clones), and a row trigger on the parent disabled (its clones follow).
CREATE SCHEMA tp;
CREATE TABLE tp.ev (id int, at date NOT NULL, v text) PARTITION BY RANGE (at);
CREATE TABLE tp.ev_2024 PARTITION OF tp.ev FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE FUNCTION tp.f() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
CREATE TRIGGER ev_ins BEFORE INSERT ON tp.ev FOR EACH ROW EXECUTE FUNCTION tp.f();
CREATE TRIGGER ev_upd AFTER UPDATE ON tp.ev FOR EACH ROW EXECUTE FUNCTION tp.f();
CREATE TRIGGER ev_del AFTER DELETE ON tp.ev FOR EACH ROW EXECUTE FUNCTION tp.f();
