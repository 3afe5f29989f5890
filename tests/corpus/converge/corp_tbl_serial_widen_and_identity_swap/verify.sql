select (select count(*) from "Ser".a) = 2 and (select max(id) from "Ser".a) = 2 and (select count(*) from "Ser".b) = 1
