-- Athletes, their bodyweights, competitor levels and maxes; groups; the club's training settings.
-- Masses are whole grams (exact: 0.25 kg plates, 0.5 kg steps); dates are days.

CREATE TABLE athletes (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    club_id     BIGINT NOT NULL REFERENCES clubs (id) ON DELETE CASCADE,
    -- The member this profile belongs to once the person has an account.
    member_id   BIGINT UNIQUE REFERENCES members (id) ON DELETE SET NULL,
    first_name  TEXT    NOT NULL,
    last_name   TEXT    NOT NULL,
    birth_date  DATE,
    sex         TEXT    NOT NULL CHECK (sex IN ('women', 'men')),
    licence     TEXT,
    notes       TEXT,
    email       TEXT,
    archived_at TIMESTAMPTZ,
    version     BIGINT  NOT NULL DEFAULT 1,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX athletes_club ON athletes (club_id);

CREATE TABLE bodyweights (
    athlete_id BIGINT NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
    date       DATE    NOT NULL,
    grams      BIGINT  NOT NULL CHECK (grams > 0),
    PRIMARY KEY (athlete_id, date)
);

CREATE TABLE competitor_levels (
    athlete_id BIGINT NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
    level      TEXT    NOT NULL CHECK (level IN ('rookie', 'regional', 'national', 'international', 'elite')),
    starts_on  DATE    NOT NULL,
    ends_on    DATE,
    PRIMARY KEY (athlete_id, starts_on)
);

CREATE TABLE maxes (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    club_id     BIGINT NOT NULL REFERENCES clubs (id) ON DELETE CASCADE,
    athlete_id  BIGINT NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
    -- An exercise with maxes is archived, never deleted.
    exercise_id BIGINT NOT NULL REFERENCES exercises (id) ON DELETE RESTRICT,
    date        DATE    NOT NULL,
    grams       BIGINT  NOT NULL CHECK (grams > 0),
    kind        TEXT    NOT NULL CHECK (kind IN ('tested', 'competition', 'training', 'estimated')),
    version     BIGINT  NOT NULL DEFAULT 1,
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX maxes_athlete ON maxes (athlete_id, exercise_id, date);
CREATE INDEX maxes_exercise ON maxes (exercise_id);

CREATE TABLE athlete_groups (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    club_id     BIGINT NOT NULL REFERENCES clubs (id) ON DELETE CASCADE,
    name        TEXT    NOT NULL,
    name_key    TEXT    NOT NULL,
    archived_at TIMESTAMPTZ,
    version     BIGINT  NOT NULL DEFAULT 1,
    created_at  TIMESTAMPTZ NOT NULL,
    UNIQUE (club_id, name_key)
);

CREATE TABLE group_athletes (
    group_id   BIGINT NOT NULL REFERENCES athlete_groups (id) ON DELETE CASCADE,
    athlete_id BIGINT NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, athlete_id)
);
CREATE INDEX group_athletes_athlete ON group_athletes (athlete_id);

-- The club's training settings (plates, rounding, ratios, counting rules) as one JSON
-- document, written whole with its version.
CREATE TABLE club_settings (
    club_id    BIGINT PRIMARY KEY REFERENCES clubs (id) ON DELETE CASCADE,
    training   TEXT    NOT NULL,
    version    BIGINT  NOT NULL DEFAULT 1,
    updated_at TIMESTAMPTZ NOT NULL
);
