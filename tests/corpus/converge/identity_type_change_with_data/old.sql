create table t (id smallint generated always as identity primary key, v text);
