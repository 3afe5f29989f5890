-- Two tables whose foreign keys form a cycle: one pair created from nothing, one pair dropped whole, one pair whose keys both change type.
create table old_a (id int primary key, b_id int);
create table old_b (id int primary key, a_id int references old_a);
alter table old_a add constraint old_a_b_fk foreign key (b_id) references old_b;
create table dept (id int primary key, head_id int);
create table emp (id int primary key, dept_id int references dept);
alter table dept add constraint dept_head_fk foreign key (head_id) references emp deferrable initially deferred;
insert into dept values (1, null);
insert into emp values (1, 1);
update dept set head_id = 1;
