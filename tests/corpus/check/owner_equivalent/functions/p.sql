CREATE PROCEDURE app.p() LANGUAGE sql AS 'select 1';
