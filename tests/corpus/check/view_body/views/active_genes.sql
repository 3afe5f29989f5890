create view active_genes as
  select id from genes where id > 0;
