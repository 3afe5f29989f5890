CREATE TYPE added AS ENUM ('a', 'b');
CREATE TYPE reordered AS ENUM ('low', 'high', 'mid');
CREATE TYPE removed AS ENUM ('x', 'y', 'z');
CREATE TYPE same AS ENUM ('p', 'q');
CREATE TABLE e (a added, r reordered, x removed, s same DEFAULT 'p');
