SELECT (SELECT meta->>'k' FROM posts) = '1'
