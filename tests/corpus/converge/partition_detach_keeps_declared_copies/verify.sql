SELECT (SELECT count(*) FROM m_a) + (SELECT count(*) FROM m_b) + (SELECT count(*) FROM n) = 3
