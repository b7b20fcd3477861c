-- Security and durability (issue 13).

-- One counter per throttle key, read and replaced in one transaction (see domain::throttle).
-- Keys are fixed-size (an account key is a hash); counters whose window is over are deleted
-- hourly. `next_at` is when an account's next attempt may be checked.
DROP TABLE login_failures;
CREATE TABLE throttle (
    key          TEXT        PRIMARY KEY CHECK (length(key) <= 64),
    count        BIGINT      NOT NULL,
    window_start TIMESTAMPTZ NOT NULL,
    next_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX throttle_window_start ON throttle (window_start);

-- Devices (by a hash of their cookie's token) that logged in to an account: their attempts on
-- it skip the account's schedule, so nobody can lock the owner out of their own devices.
CREATE TABLE known_devices (
    token_hash TEXT        PRIMARY KEY,
    user_id    BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX known_devices_user ON known_devices (user_id);

-- What /readyz writes to prove the database takes writes.
CREATE TABLE readiness (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    checked_at TIMESTAMPTZ
);
INSERT INTO readiness (id, checked_at) VALUES (1, NULL);

-- An invitation is for the invited email's account, unless the admin chose "anyone with the
-- link".
ALTER TABLE invitations ADD COLUMN open_link BOOLEAN NOT NULL DEFAULT FALSE;
