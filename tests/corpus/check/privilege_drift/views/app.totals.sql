CREATE VIEW app.totals AS SELECT id FROM app.orders;
