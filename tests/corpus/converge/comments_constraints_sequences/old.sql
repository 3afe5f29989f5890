create sequence counter;
comment on sequence counter is 'old';
create sequence "Odd Seq";
create table "Parent" (id bigint primary key);
comment on constraint "Parent_pkey" on "Parent" is 'old key';
create table child (
  id bigint primary key,
  parent_id bigint constraint child_parent_fk references "Parent"(id),
  code text constraint child_code_key unique,
  constraint code_upper check (code = upper(code))
);
comment on constraint child_code_key on child is 'to be removed';
comment on constraint code_upper on child is 'old check';
