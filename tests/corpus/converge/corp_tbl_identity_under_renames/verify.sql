select (select login from members) = 'x' and (select client_no from clients) = 1000
