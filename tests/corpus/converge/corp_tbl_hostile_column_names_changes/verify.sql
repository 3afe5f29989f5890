select "select" = 's' and "Group.By" = 2 and "CamelCase" = 3 and "from" = '2020-01-01'::date::timestamptz from "user"
