select (select count(*) from animal) = 2 and (select breed from dog) = 'lab'
