select (select head_id from dept where id = 1) = 1 and (select dept_id from emp where id = 1) = 1
