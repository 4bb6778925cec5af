-- v1: people who write posts and comments.
CREATE TABLE users (
    id           BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    email        VARCHAR(255) NOT NULL,
    display_name VARCHAR(100) NOT NULL,
    created_at   DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    CONSTRAINT users_email_key UNIQUE (email)
) DEFAULT CHARACTER SET utf8mb4;
