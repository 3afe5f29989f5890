create sequence counter;
comment on sequence counter is 'new';
create sequence "Odd Seq";
comment on sequence "Odd Seq" is 'ça compte';
create sequence fresh;
comment on sequence fresh is 'a new sequence';
create table "Parent" (id bigint primary key);
comment on constraint "Parent_pkey" on "Parent" is 'new key';
create table child (
  id bigint primary key,
  parent_id bigint constraint child_parent_fk references "Parent"(id) on delete cascade,
  code text constraint child_code_key unique,
  constraint code_upper check (code = lower(code))
);
comment on constraint child_parent_fk on child is 'redefined keeps its comment';
comment on constraint code_upper on child is 'it''s lower case now';
create table fresh_table (id int constraint "Fresh PK" primary key, n int constraint n_pos check (n > 0));
comment on constraint "Fresh PK" on fresh_table is 'new table key';
comment on constraint n_pos on fresh_table is 'new table check';
