-- An enum loses a label, so the plan rebuilds it; the expression index comparing its column with a
-- label is dropped before and created after (plan::rebuild), and is clustered again.
CREATE TYPE "Mood" AS ENUM ('sad', 'ok');
CREATE TABLE diary (id int NOT NULL, m "Mood" NOT NULL);
CREATE INDEX "diary not sad" ON diary ((m <> 'sad'::"Mood"), id);
ALTER TABLE diary CLUSTER ON "diary not sad";
