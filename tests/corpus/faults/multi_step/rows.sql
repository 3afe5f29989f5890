select md5(string_agg(p::text, ',' order by id)) from (select id, name from parent) p
union all
select md5(string_agg(c::text, ',' order by id)) from (select id, parent_id, qty::text, note, state::text from child) c
