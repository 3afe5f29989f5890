create type lvl as enum ('lowest', 'low', 'mid', 'high', 'highest');
