create sequence s1 increment by 5 cache 10;
create sequence s2 as integer start with 100;
