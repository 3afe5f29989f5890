update dom.t set e = 'a@b.c';
