create table t (a int not null, b int generated always as identity, c int generated always as identity);
