create table p (id int, k int not null, primary key (id, k));
create table c (p_id int, p_k int);
alter table c add constraint c_p_fkey foreign key (p_id, p_k) references p(id, k);
