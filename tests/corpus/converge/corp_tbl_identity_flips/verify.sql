select count(*) = 2 from "Id S"."T 1"
