select count(*) = 1 and min("bıgınt") = 5 from "Alt ""S"".x"."Child.T"
