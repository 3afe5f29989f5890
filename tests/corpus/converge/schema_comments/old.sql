create schema audit;
comment on schema audit is 'old';
create schema "Gone Comment";
comment on schema "Gone Comment" is 'to be removed';
