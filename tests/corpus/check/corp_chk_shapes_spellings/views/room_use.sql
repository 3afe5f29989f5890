create materialized view room_use as
  select room, count(*) as n
    from booking
   group by room
  with no data;
create unique index room_use_room on room_use (room);
