SELECT balance = 15 FROM accounts WHERE id = 1
