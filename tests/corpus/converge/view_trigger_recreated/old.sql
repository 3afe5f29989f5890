create table items (id int primary key, name text, price int);
create view items_v as select id, name from items;
create function items_v_ins() returns trigger language plpgsql as $$begin insert into items(id, name) values (new.id, new.name); return new; end$$;
create trigger items_v_ins instead of insert on items_v for each row execute function items_v_ins();
