-- Column defaults as applications write them: nextval of a quoted sequence, now() AT TIME ZONE 'utc', gen_random_uuid(), array and jsonb literals, intervals, CURRENT_USER and session_user, a function call with named arguments, a negative numeric, an enum cast, a composite row default.
CREATE SCHEMA "Def";
CREATE SEQUENCE "Def"."Odd ""Seq""";
CREATE TYPE "Def".lvl AS ENUM ('low', 'high');
CREATE FUNCTION "Def".mk(a int, b text DEFAULT 'x') RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT b || a $$;
CREATE TABLE "Def"."Row" (
  id bigint DEFAULT nextval('"Def"."Odd ""Seq"""'::regclass) PRIMARY KEY,
  at_utc timestamp DEFAULT (now() AT TIME ZONE 'utc'),
  uid uuid DEFAULT gen_random_uuid(),
  tags text[] DEFAULT ARRAY['a', 'b c']::text[],
  doc jsonb DEFAULT '{"k": [1, 2, {"q": "it''s"}]}'::jsonb,
  ttl interval DEFAULT '1 day 02:00:00',
  who name DEFAULT CURRENT_USER,
  sess text DEFAULT session_user,
  made text DEFAULT "Def".mk(b => 'y', a => 2),
  neg numeric(6,2) DEFAULT -12.50,
  lv "Def".lvl DEFAULT 'high'::"Def".lvl,
  today date DEFAULT CURRENT_DATE,
  bits bit varying(8) DEFAULT B'1010'
);
