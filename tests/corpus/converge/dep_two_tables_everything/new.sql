create table a (id bigint primary key, score numeric(10,2), label text);
create table b (id int primary key, a_id bigint references a, w bigint);
create function total(x int) returns bigint language sql stable begin atomic select sum(score)::bigint from a where id = x; end;
create view av as select a.id, total(a.id::int) as t, b.w from a join b on b.a_id = a.id;
create function tg() returns trigger language plpgsql as $$ begin return new; end $$;
create trigger a_score after update of score on a for each row when (new.score > 0) execute function tg();
alter table b enable row level security;
create policy bw on b using (w > 0);
