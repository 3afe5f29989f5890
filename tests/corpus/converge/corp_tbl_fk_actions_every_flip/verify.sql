select count(*) = 1 from ref.child
