INSERT INTO auth_user (username, email, date_joined) VALUES ('ada', 'ada@example.com', now()), ('bob', 'bob@example.com', now());
INSERT INTO blog_entry (slug, author_id, rating, pub_date) VALUES ('hello', 2, 5, now());
INSERT INTO blog_tag (name) VALUES ('news');
