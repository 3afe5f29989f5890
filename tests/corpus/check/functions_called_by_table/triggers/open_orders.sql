CREATE TRIGGER open_orders_ins INSTEAD OF INSERT ON open_orders FOR EACH ROW EXECUTE FUNCTION open_orders_ins();
