select e::text = 'a@b.c' and q = 3 and c::text = 'AB' and p = 5 and sp = 5 and f from dom.t where id = 1
