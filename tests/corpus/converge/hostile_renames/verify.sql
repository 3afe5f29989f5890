select (select "new.col" from "Ren ""S"""."New ""T"" bıgınt") = 'kept' and (select count(*) from "Ren ""S"""."Ref") = 1
