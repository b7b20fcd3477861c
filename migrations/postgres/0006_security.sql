-- Security and durability (issue 13).

-- One counter per throttle key, counted by one atomic upsert (see domain::throttle). Keys are
-- fixed-size (an account key is a hash); counters whose window is over are deleted hourly.
DROP TABLE login_failures;
CREATE TABLE throttle (
    key          TEXT        PRIMARY KEY CHECK (length(key) <= 64),
    count        BIGINT      NOT NULL,
    window_start TIMESTAMPTZ NOT NULL
);
CREATE INDEX throttle_window_start ON throttle (window_start);

-- What /readyz writes to prove the database takes writes.
CREATE TABLE readiness (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    checked_at TIMESTAMPTZ
);
INSERT INTO readiness (id, checked_at) VALUES (1, NULL);

-- An invitation is for the invited email's account, unless the admin chose "anyone with the
-- link".
ALTER TABLE invitations ADD COLUMN open_link BOOLEAN NOT NULL DEFAULT FALSE;
