-- Planning (issue 16): sessions on the calendar, and the periods athletes spend in groups.

-- The periods an athlete is in a group, from `since` (included) to `until` (excluded; NULL while
-- they still are): a group session is for the group's athletes on its day. Kept by triggers on
-- `group_athletes` (which holds who is in each group now), so that every writer keeps them;
-- days are UTC's, as the application's. Memberships older than this table count as always.
CREATE TABLE group_memberships (
    id         INTEGER PRIMARY KEY,
    group_id   INTEGER NOT NULL REFERENCES athlete_groups (id) ON DELETE CASCADE,
    athlete_id INTEGER NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
    since      TEXT    NOT NULL,
    until      TEXT
);
CREATE INDEX group_memberships_group ON group_memberships (group_id, athlete_id);
CREATE INDEX group_memberships_athlete ON group_memberships (athlete_id);
INSERT INTO group_memberships (group_id, athlete_id, since)
SELECT group_id, athlete_id, '0001-01-01' FROM group_athletes;

CREATE TRIGGER group_athletes_joined AFTER INSERT ON group_athletes
BEGIN
    INSERT INTO group_memberships (group_id, athlete_id, since)
    VALUES (NEW.group_id, NEW.athlete_id, date('now'));
END;
CREATE TRIGGER group_athletes_left AFTER DELETE ON group_athletes
BEGIN
    UPDATE group_memberships SET until = date('now')
    WHERE group_id = OLD.group_id AND athlete_id = OLD.athlete_id AND until IS NULL;
END;

-- A planned session (`planned_sessions`: the login sessions of tower-sessions own the name
-- `sessions`): a workout's copy (`content`, one JSON document as `workouts.content`) on a day,
-- at an optional time (minutes after midnight), with its per-athlete overrides (one JSON
-- document). `workout_id` and `workout_version` name the template it was copied from; a used
-- workout cannot be deleted (RESTRICT), it is archived instead.
CREATE TABLE planned_sessions (
    id              INTEGER PRIMARY KEY,
    club_id         INTEGER NOT NULL REFERENCES clubs (id) ON DELETE CASCADE,
    date            TEXT    NOT NULL,
    minute          INTEGER CHECK (minute BETWEEN 0 AND 1439),
    title           TEXT    NOT NULL,
    category_id     INTEGER REFERENCES workout_categories (id) ON DELETE SET NULL,
    content         TEXT    NOT NULL,
    overrides       TEXT    NOT NULL,
    workout_id      INTEGER REFERENCES workouts (id) ON DELETE RESTRICT,
    workout_version INTEGER,
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL
);
-- The calendar reads a club's days (a month, a week): see ARCHITECTURE.md, "Planning".
CREATE INDEX planned_sessions_club_date ON planned_sessions (club_id, date);
CREATE INDEX planned_sessions_workout ON planned_sessions (workout_id);

-- Whom each session is for, and what it names (its content's and overrides' exercises, its
-- complexes): a used exercise or complex is archived, never deleted.
CREATE TABLE session_athletes (
    session_id INTEGER NOT NULL REFERENCES planned_sessions (id) ON DELETE CASCADE,
    athlete_id INTEGER NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    PRIMARY KEY (session_id, athlete_id)
);
CREATE INDEX session_athletes_athlete ON session_athletes (athlete_id);

CREATE TABLE session_groups (
    session_id INTEGER NOT NULL REFERENCES planned_sessions (id) ON DELETE CASCADE,
    group_id   INTEGER NOT NULL REFERENCES athlete_groups (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    PRIMARY KEY (session_id, group_id)
);
CREATE INDEX session_groups_group ON session_groups (group_id);

CREATE TABLE session_exercises (
    session_id  INTEGER NOT NULL REFERENCES planned_sessions (id) ON DELETE CASCADE,
    exercise_id INTEGER NOT NULL REFERENCES exercises (id) ON DELETE RESTRICT,
    PRIMARY KEY (session_id, exercise_id)
);
CREATE INDEX session_exercises_exercise ON session_exercises (exercise_id);

CREATE TABLE session_complexes (
    session_id INTEGER NOT NULL REFERENCES planned_sessions (id) ON DELETE CASCADE,
    complex_id INTEGER NOT NULL REFERENCES complexes (id) ON DELETE RESTRICT,
    PRIMARY KEY (session_id, complex_id)
);
CREATE INDEX session_complexes_complex ON session_complexes (complex_id);

-- Private calendar links: one per member, of which only the secret's hash is kept. A new link
-- replaces the member's; revoking one deletes it.
CREATE TABLE calendar_feeds (
    member_id  INTEGER NOT NULL PRIMARY KEY REFERENCES members (id) ON DELETE CASCADE,
    token_hash TEXT    NOT NULL UNIQUE,
    created_at TEXT    NOT NULL
);
