update "user" set "table" = 1;
