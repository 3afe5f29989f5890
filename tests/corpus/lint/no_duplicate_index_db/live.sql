create table t (id bigint primary key, a text unique, b text, c text, j jsonb);
create index t_id_again on t (id);                      -- duplicates the primary key
create index t_a_again on t (a);                        -- duplicates the unique constraint
create index t_b1 on t (b);
create index t_b2 on t (b);                             -- duplicate of t_b1
create unique index t_b_unique on t (b);                -- kept: t_b1 and t_b2 are its duplicates
create index t_bc on t (b, c);                          -- different keys
create index t_cb on t (c, b);
create index t_c_p1 on t (c) where b is null;
create index t_c_p2 on t (c) where (b is null);         -- same predicate once deparsed
create index t_c_p3 on t (c) where b is not null;       -- different predicate
create index t_c_incl on t (c) include (b);             -- different INCLUDE
create index t_lower1 on t (lower(b));
create index t_lower2 on t (lower(b));                  -- same expression
create index t_j_gin on t using gin (j);
create index t_j_btree on t (j);                        -- different method
create index t_c_desc on t (c desc);                    -- different ordering
