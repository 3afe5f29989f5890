create table t (a text collate "C", b text);
