-- A routine whose result type changes is dropped and created anew: the rule calling it goes first and comes back after it.
CREATE TABLE tickets (id int PRIMARY KEY, title text);
CREATE TABLE ticket_log (id int, label text);
CREATE FUNCTION ticket_label(t_id int) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT 'T-' || t_id $$;
CREATE RULE tickets_log AS ON INSERT TO tickets DO ALSO INSERT INTO ticket_log VALUES (new.id, ticket_label(new.id));
