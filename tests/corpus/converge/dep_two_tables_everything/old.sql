create table a (id int primary key, score int, label varchar(10));
create table b (id int primary key, a_id int references a, w int);
create function total(x int) returns bigint language sql stable begin atomic select sum(score) from a where id = x; end;
create view av as select a.id, total(a.id) as t, b.w from a join b on b.a_id = a.id;
create function tg() returns trigger language plpgsql as $$ begin return new; end $$;
create trigger a_score after update of score on a for each row when (new.score > 0) execute function tg();
alter table b enable row level security;
create policy bw on b using (w > 0);
insert into a values (1, 5, 'x'); insert into b values (1, 1, 2);
