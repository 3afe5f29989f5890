create table ev (id bigint, at date not null, kind int) partition by range (at);
create table ev_2026 partition of ev for values from ('2026-01-01') to ('2027-01-01');
alter table ev enable row level security;
create policy recent on ev using (kind > 0);
create function tg() returns trigger language plpgsql as $$ begin return new; end $$;
create trigger ev_kind before update of kind on ev for each row execute function tg();
insert into ev values (1, '2026-05-01', 3);
