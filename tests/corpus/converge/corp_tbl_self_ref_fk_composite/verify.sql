select (select count(*) from "Tree") = 2 and (select up from node where id = 2) = 1
