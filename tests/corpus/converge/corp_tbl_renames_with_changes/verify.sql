select (select full_name from app.clients where id = 1) = 'ann' and (select count(*) from app.orders) = 1
