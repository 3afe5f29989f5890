create table users (
  id int primary key,
  mail text not null,
  nick text constraint nick_required not null,
  alias text constraint alias_nn not null,
  note text
);
create table old_accounts (id int constraint acc_id_nn not null, owner text not null, "Kind" text not null, gone int);
