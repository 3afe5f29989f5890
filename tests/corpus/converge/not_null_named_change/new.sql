create table users (
  id int primary key,
  mail text constraint nn_mail not null,
  nick text not null,
  alias text constraint "Alias Set" not null,
  note text constraint note_nn not null,
  added int default 0 constraint "added nn" not null
);
create table accounts (id int constraint acc_id_nn not null, owner text not null default CURRENT_USER, "Kind" text constraint "kind set" not null, since date);
