SELECT (home).street = 'Main St' AND (home)."Zip Code" = '0150' AND s = 3 FROM "Ty Chg".person WHERE id = 1
