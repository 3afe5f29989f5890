create function is_email(v text) returns boolean language sql immutable as $$ select v ~ '@' $$;
create domain email as text constraint email_valid check (is_email(value)) constraint email_short check (length(value) < 300);
create function normalize_email(e email) returns email language sql as $$ select lower(e)::email $$;
create table t (id int primary key, mail email);
