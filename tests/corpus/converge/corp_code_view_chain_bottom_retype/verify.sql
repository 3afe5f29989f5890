SELECT count(*) = 2 AND sum(amount) = 30 FROM vc.base
