-- Same routines, other spelling: $$ for $function$, LANGUAGE first, int for integer.
create or replace function set_updated_at() returns trigger language plpgsql as $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END
$$;

CREATE FUNCTION gene_score(g_id int, w numeric = 1.0) RETURNS numeric STABLE LANGUAGE sql
  AS 'SELECT count(*) * w FROM gene_evidence WHERE gene_id = g_id';
