select a = 'on' and b = 'off' from t
