select a = '{1,2}' and b = '{x,y}' and c = 'ab' and e = B'1010' and f = '1 day 2 hours' and g = 7 and h = 1.5 and i = '{{1,2},{3,4}}' and j = '{abc}' from t
