create type lvl as enum ('low', 'high');
