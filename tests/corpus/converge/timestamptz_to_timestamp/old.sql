create table e (id int, at timestamptz);
