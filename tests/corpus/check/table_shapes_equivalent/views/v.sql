create view v with (security_barrier) as select a from tuned
with cascaded check option;
