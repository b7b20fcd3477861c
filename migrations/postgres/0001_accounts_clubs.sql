-- People, clubs, memberships with roles, invitations, and login failures for throttling.
CREATE TABLE users (
    id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email              TEXT        NOT NULL UNIQUE,
    display_name       TEXT        NOT NULL,
    password_hash      TEXT        NOT NULL,
    session_generation BIGINT      NOT NULL DEFAULT 0,
    created_at         TIMESTAMPTZ NOT NULL
);

CREATE TABLE clubs (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       TEXT        NOT NULL,
    version    BIGINT      NOT NULL DEFAULT 1,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE members (
    id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    club_id   BIGINT      NOT NULL REFERENCES clubs (id) ON DELETE CASCADE,
    user_id   BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role      TEXT        NOT NULL CHECK (role IN ('athlete', 'coach', 'admin', 'owner')),
    version   BIGINT      NOT NULL DEFAULT 1,
    joined_at TIMESTAMPTZ NOT NULL,
    UNIQUE (club_id, user_id)
);
CREATE INDEX members_user ON members (user_id);

CREATE TABLE invitations (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    club_id     BIGINT      NOT NULL REFERENCES clubs (id) ON DELETE CASCADE,
    email       TEXT        NOT NULL,
    role        TEXT        NOT NULL CHECK (role IN ('athlete', 'coach', 'admin', 'owner')),
    token_hash  TEXT        NOT NULL UNIQUE,
    invited_by  BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    accepted_at TIMESTAMPTZ,
    accepted_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    revoked_at  TIMESTAMPTZ
);
CREATE INDEX invitations_club ON invitations (club_id);

CREATE TABLE login_failures (
    id  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key TEXT        NOT NULL,
    at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX login_failures_key_at ON login_failures (key, at);
