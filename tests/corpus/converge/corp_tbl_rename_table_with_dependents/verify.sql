select (select member_name from app.members where id = 1) = 'ann' and (select count(*) from app.posts) = 1
