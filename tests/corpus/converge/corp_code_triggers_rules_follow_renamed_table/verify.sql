SELECT count(*) = 2 AND sum("Balance") = 30 FROM rn."Account"
