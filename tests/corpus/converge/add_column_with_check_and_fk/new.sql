create table p (id int primary key);
create table t (id int, p int constraint t_p_fk references p(id), q int constraint t_q_chk check (q between 1 and 10));
