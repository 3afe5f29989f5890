SELECT (SELECT total FROM purchase_order) = 12.50 AND (SELECT status FROM purchase_order) = 2
