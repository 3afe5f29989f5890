-- Rules: DO INSTEAD NOTHING becomes DO ALSO an insert, a one-action rule gets two actions, a WHERE changed, a rule renamed, one disabled and one set ENABLE ALWAYS, and a rule on a view the plan rebuilds (a column inserted in the middle) comes back.
CREATE SCHEMA ru;
CREATE TABLE ru.t (id int PRIMARY KEY, v text, w text);
CREATE TABLE ru.log (id int, v text, at text);
CREATE RULE no_delete AS ON DELETE TO ru.t DO INSTEAD NOTHING;
CREATE RULE log_ins AS ON INSERT TO ru.t DO ALSO INSERT INTO ru.log VALUES (NEW.id, NEW.v, 'ins');
CREATE RULE cond AS ON UPDATE TO ru.t WHERE NEW.v IS NULL DO INSTEAD NOTHING;
CREATE RULE old_rule AS ON UPDATE TO ru.log DO INSTEAD NOTHING;
CREATE RULE always AS ON DELETE TO ru.log DO INSTEAD NOTHING;
CREATE VIEW ru.v AS SELECT id, v FROM ru.t;
CREATE RULE v_ins AS ON INSERT TO ru.v DO INSTEAD INSERT INTO ru.t (id, v) VALUES (NEW.id, NEW.v);
