create type mood as enum ('sad', 'ok', 'happy');
create table t (m mood default 'ok', ms mood[]);
create view v as select m from t;
