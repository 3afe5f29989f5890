CREATE TABLE item (
  id bigint PRIMARY KEY, sku text, name text, qty integer, shop integer, deleted boolean,
  CONSTRAINT item_sku_key UNIQUE (sku)
);
CREATE UNIQUE INDEX item_name_shop ON item (name, shop);
CREATE INDEX ix_item_qty ON item (qty);
CREATE INDEX ix_item_gone ON item (shop);
CREATE INDEX ix_item_expr ON item (lower(name));
CREATE INDEX ix_item_where ON item (shop) WHERE NOT deleted;
CREATE INDEX ix_item_unique_flip ON item (sku, qty);
CREATE INDEX ix_item_desc ON item (qty);
