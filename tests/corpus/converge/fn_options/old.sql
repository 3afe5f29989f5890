create function f(a int) returns int language sql as 'select a';
create function g() returns int language sql as 'select 1';
