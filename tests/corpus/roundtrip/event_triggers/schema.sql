-- Event triggers: every event but login, tags, states, comments, odd names, a function in another schema.
create schema "Au dit";
create function "Au dit"."log DDL"() returns event_trigger language plpgsql as $$begin end$$;
create function public.on_drop() returns event_trigger language plpgsql as $$begin end$$;
create table t (id int primary key);
create event trigger "Log ""DDL""" on ddl_command_end when tag in ('CREATE TABLE', 'ALTER TABLE', 'DROP TABLE') execute function "Au dit"."log DDL"();
create event trigger start_all on ddl_command_start execute function "Au dit"."log DDL"();
alter event trigger start_all disable;
create event trigger on_drop on sql_drop execute function on_drop();
alter event trigger on_drop enable always;
comment on event trigger on_drop is 'records drops';
create event trigger rewrites on table_rewrite when tag in ('ALTER TABLE') execute function on_drop();
alter event trigger rewrites enable replica;
