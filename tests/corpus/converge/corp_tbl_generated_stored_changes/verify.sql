select total = 12.000 and name_norm = 'foo' and frozen = ' Foo !' and plain_then_gen = 5 from items where id = 1
