CREATE TYPE "Mood" AS ENUM ('sad', 'ok', 'gone');
CREATE TABLE diary (id int NOT NULL, m "Mood" NOT NULL);
CREATE INDEX "diary not sad" ON diary ((m <> 'sad'::"Mood"), id);
ALTER TABLE diary CLUSTER ON "diary not sad";
