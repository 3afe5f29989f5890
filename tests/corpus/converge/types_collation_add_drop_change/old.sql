create collation byte_order (provider = libc, locale = 'C');
create collation unused (provider = libc, locale = 'C');
