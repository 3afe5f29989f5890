select (select count(*) from crm.accounts where st = 'customer' and hist = '{trial}' and act::text = 'customer') = 2 and (select st::text from public.notes) = 'customer'
