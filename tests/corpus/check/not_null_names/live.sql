CREATE TABLE users (
  id int PRIMARY KEY,
  mail text CONSTRAINT nn_mail NOT NULL,
  nick text CONSTRAINT "Nick Set" NOT NULL,
  alias text NOT NULL,
  note text CONSTRAINT note_nn NOT NULL
);
