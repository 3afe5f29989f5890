SELECT (SELECT last_value FROM "Seq Chg"."Live ""One""") = 42 AND (SELECT last_value FROM "Seq Chg".t_id_seq) = 3
