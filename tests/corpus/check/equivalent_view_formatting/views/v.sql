-- hand written
CREATE OR REPLACE VIEW v AS
    SELECT id,
           symbol
      FROM genes
     WHERE symbol in ('A','B')
       and id > 0 ;
