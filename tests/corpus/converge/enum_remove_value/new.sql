create type mood as enum ('sad', 'happy');
create table t (m mood default 'sad', ms mood[]);
create view v as select m from t;
