CREATE VIEW app.totals AS SELECT id, total FROM app.orders;
