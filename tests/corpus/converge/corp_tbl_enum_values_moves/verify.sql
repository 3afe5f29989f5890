select (select s::text from tickets where id = 2) = 'closed' and (select hist::text from tickets where id = 1) = '{open,closed}' and (select o::text from tickets where id = 2) = 'z'
