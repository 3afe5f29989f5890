select r = '[1,2)'::rng.numr from rng.bands where id = 1
