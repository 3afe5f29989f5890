CREATE TABLE users (id bigint PRIMARY KEY, updated_at timestamptz);
CREATE RULE no_delete AS ON DELETE TO users DO INSTEAD NOTHING;
