CREATE TABLE accounts (id int PRIMARY KEY, balance bigint NOT NULL);
CREATE TABLE ledger (account int, amount bigint);
CREATE VIEW balances AS SELECT id, balance FROM accounts;
CREATE RULE balances_upd AS ON UPDATE TO balances
  DO INSTEAD UPDATE accounts SET balance = new.balance WHERE id = old.id;
CREATE RULE balances_ins AS ON INSERT TO balances
  DO INSTEAD INSERT INTO accounts VALUES (new.id, new.balance);
CREATE RULE ledger_mirror AS ON INSERT TO ledger
  DO ALSO UPDATE accounts SET balance = balance + new.amount WHERE id = new.account;
CREATE TABLE snapshots (id int, balance bigint);
CREATE TABLE snapshot_requests (id int);
CREATE RULE snapshot_take AS ON INSERT TO snapshot_requests
  DO ALSO INSERT INTO snapshots SELECT b.id, b.balance FROM balances b WHERE b.id = new.id;
