CREATE SCHEMA audit;
CREATE TYPE audit.level AS ENUM ('info', 'warn');
CREATE TABLE audit.events (id bigint, lvl audit.level, at timestamp);
CREATE TABLE audit.extra (x int);
CREATE TABLE genes (id bigint);
CREATE SCHEMA unrelated;
CREATE TABLE unrelated.ignored_because_not_declared (x int);
