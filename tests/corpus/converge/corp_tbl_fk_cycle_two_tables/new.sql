create table new_a (id int primary key, b_id int);
create table new_b (id int primary key, a_id int references new_a on delete cascade);
alter table new_a add constraint new_a_b_fk foreign key (b_id) references new_b on delete set null;
create table dept (id bigint primary key, head_id bigint);
create table emp (id bigint primary key, dept_id bigint references dept);
alter table dept add constraint dept_head_fk foreign key (head_id) references emp deferrable initially deferred;
