select count(*) = 1 from c join p on p.id = c.p_id
