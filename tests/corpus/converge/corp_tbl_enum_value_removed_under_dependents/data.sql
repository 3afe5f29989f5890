update crm.accounts set st = 'customer', act = 'customer' where id = 2;
update crm.accounts set past = '{customer}', hist = '{trial}';
update public.notes set st = 'customer';
