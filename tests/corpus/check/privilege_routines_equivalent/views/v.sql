create view v as select id, n from t;
