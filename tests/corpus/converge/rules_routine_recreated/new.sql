CREATE TABLE tickets (id int PRIMARY KEY, title text);
CREATE TABLE ticket_log (id int, label text);
CREATE FUNCTION ticket_label(t_id int) RETURNS varchar LANGUAGE sql IMMUTABLE AS $$ SELECT ('T-' || t_id)::varchar $$;
CREATE RULE tickets_log AS ON INSERT TO tickets DO ALSO INSERT INTO ticket_log VALUES (new.id, ticket_label(new.id));
