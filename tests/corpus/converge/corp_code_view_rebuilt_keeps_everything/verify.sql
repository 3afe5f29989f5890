SELECT count(*) = 1 AND sum(amount) = 5 FROM vk.t
