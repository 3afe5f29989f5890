create schema app;
create domain app."E-Mail" as text not null constraint has_at check (value ~ '@');
comment on domain app."E-Mail" is 'mail';
create table t (id int primary key, code text, mail app."E-Mail");
