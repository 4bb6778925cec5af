-- v2: posts, newest first per author. updated_at is kept current by ON UPDATE.
CREATE TABLE posts (
    id         BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    user_id    BIGINT NOT NULL,
    title      VARCHAR(250) NOT NULL,
    slug       VARCHAR(100) NOT NULL,
    body       TEXT NOT NULL,
    hits       INTEGER NOT NULL DEFAULT 0,
    created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
    CONSTRAINT posts_slug_key UNIQUE (slug),
    CONSTRAINT posts_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) DEFAULT CHARACTER SET utf8mb4;

CREATE INDEX posts_user_created_idx ON posts (user_id, created_at);
