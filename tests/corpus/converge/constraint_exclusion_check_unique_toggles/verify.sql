SELECT count(*) = 2 FROM "Con Chg"."Slot"
