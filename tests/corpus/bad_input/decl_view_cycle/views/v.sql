-- v reads w
CREATE VIEW v AS SELECT a FROM w;
