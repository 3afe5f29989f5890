create sequence s1 increment by 2;
create sequence gone_seq;
