select c = 'green' and n = 5 and m = '(1.5,EUR)' and label = 'big' and qty = 3 from paint where id = 1
