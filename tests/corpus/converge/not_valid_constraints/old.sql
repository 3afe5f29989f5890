create table "Parent" (id int primary key);
create table "kid é" (id int, "Parent id" int, score int);
alter table "kid é" add constraint score_positive check (score >= 0) not valid;
alter table "kid é" add constraint kid_parent_fk foreign key ("Parent id") references "Parent" (id) not valid;
alter table "kid é" add constraint "made ""not valid""" check (score < 1000);
alter table "kid é" add constraint changed check (id > 0) not valid;
insert into "Parent" values (1);
insert into "kid é" values (1, 1, 5);
