-- Enums with odd labels (spaces, quotes, commas, braces, non-ASCII, case, YAML look-alikes), in two schemas, used as column types, arrays, defaults and in a view.
CREATE SCHEMA app;
CREATE TYPE odd AS ENUM ('with space', 'it''s', 'a,b', '{braces}', '"dq"', 'Größe', 'UPPER', 'upper', 'true', 'null', '1', '- dash', 'x: y', '#hash');
CREATE TYPE app.state AS ENUM ('on', 'off');
CREATE TABLE labelled (a odd DEFAULT 'it''s', b odd[] DEFAULT '{"with space","a,b"}', c app.state NOT NULL DEFAULT 'off');
CREATE VIEW labelled_on AS SELECT a FROM labelled WHERE c = 'on' AND a <> '{braces}';
