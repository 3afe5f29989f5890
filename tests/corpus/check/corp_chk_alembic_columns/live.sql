CREATE TABLE account (
  id integer PRIMARY KEY,
  name character varying(20) NOT NULL,
  balance numeric(10,2) DEFAULT 0,
  rate numeric(5,2),
  created timestamp without time zone DEFAULT now(),
  seen timestamp(6) with time zone,
  note text,
  flag boolean DEFAULT false,
  status text DEFAULT 'new'::text,
  kind text,
  small smallint,
  code character(3)
);
COMMENT ON TABLE account IS 'Old comment';
COMMENT ON COLUMN account.note IS 'A note';
CREATE TABLE ledger (id bigint PRIMARY KEY, memo text);
COMMENT ON COLUMN ledger.memo IS 'Memo';
