-- v4 (portable): drafts, and a few rows to look at.
ALTER TABLE posts ADD COLUMN published BOOLEAN NOT NULL DEFAULT TRUE;

CREATE INDEX posts_published_created_idx ON posts (published, created_at);

INSERT INTO users (email, display_name) VALUES ('ada@example.com', 'Ada'), ('grace@example.com', 'Grace');

INSERT INTO posts (user_id, title, slug, body)
SELECT id, 'A serverless blogpost with Aurora', 'serverless-aurora',
       'Posts go through the RDS Data API; this one has a semicolon; and ''quotes''.'
FROM users WHERE email = 'ada@example.com';

INSERT INTO posts (user_id, title, slug, body, published)
SELECT id, 'Draft: migrations', 'draft-migrations', 'Not published yet.', FALSE
FROM users WHERE email = 'grace@example.com';

INSERT INTO comments (post_id, user_id, body)
SELECT p.id, u.id, 'Nice post -- thanks!'
FROM posts p, users u WHERE p.slug = 'serverless-aurora' AND u.email = 'grace@example.com';
