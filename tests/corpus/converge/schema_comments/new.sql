create schema audit;
comment on schema audit is 'new';
create schema "Gone Comment";
create schema fresh;
comment on schema fresh is 'a new schema with a comment';
comment on schema public is 'replaced';
