-- ICU column collations (und-x-icu, de-x-icu), in a column, an index key and a view; needs a server built with ICU.
CREATE TABLE words (w text COLLATE "und-x-icu", g text COLLATE "de-x-icu" NOT NULL, plain text);
CREATE INDEX words_plain_de ON words (plain COLLATE "de-x-icu");
CREATE VIEW sorted_words AS SELECT w FROM words ORDER BY g COLLATE "und-x-icu";
