-- Workouts (issue 15): the club's reusable training templates.

-- The club's workout categories, an editable list like the catalogue's; every club starts with
-- five.
CREATE TABLE workout_categories (
    id       INTEGER PRIMARY KEY,
    club_id  INTEGER NOT NULL REFERENCES clubs (id) ON DELETE CASCADE,
    name_fr  TEXT    NOT NULL,
    name_en  TEXT    NOT NULL,
    name_key TEXT    NOT NULL,
    UNIQUE (club_id, name_key)
);
INSERT INTO workout_categories (club_id, name_fr, name_en, name_key)
SELECT c.id, d.name_fr, d.name_en, d.name_key FROM clubs c, (
    SELECT 'Saison' AS name_fr, 'Season' AS name_en, 'saison' AS name_key
    UNION ALL SELECT 'Décharge', 'Deload', 'decharge'
    UNION ALL SELECT 'Fond', 'Base', 'fond'
    UNION ALL SELECT 'Technique', 'Technique', 'technique'
    UNION ALL SELECT 'Compétition', 'Competition', 'competition'
) d;

-- A workout's content (its elements and blocks) is one JSON document (`domain::workout::
-- WorkoutContent`): it is read and written whole, and a planned session will keep a copy of it.
CREATE TABLE workouts (
    id          INTEGER PRIMARY KEY,
    club_id     INTEGER NOT NULL REFERENCES clubs (id) ON DELETE CASCADE,
    title       TEXT    NOT NULL,
    category_id INTEGER REFERENCES workout_categories (id) ON DELETE SET NULL,
    description TEXT,
    content     TEXT    NOT NULL,
    archived_at TEXT,
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL
);
CREATE INDEX workouts_club ON workouts (club_id);

-- The exercises (its elements' and its reference lifts) and complexes a workout names: a used
-- exercise or complex cannot be deleted (RESTRICT), it is archived instead.
CREATE TABLE workout_exercises (
    workout_id  INTEGER NOT NULL REFERENCES workouts (id) ON DELETE CASCADE,
    exercise_id INTEGER NOT NULL REFERENCES exercises (id) ON DELETE RESTRICT,
    PRIMARY KEY (workout_id, exercise_id)
);
CREATE INDEX workout_exercises_exercise ON workout_exercises (exercise_id);

CREATE TABLE workout_complexes (
    workout_id INTEGER NOT NULL REFERENCES workouts (id) ON DELETE CASCADE,
    complex_id INTEGER NOT NULL REFERENCES complexes (id) ON DELETE RESTRICT,
    PRIMARY KEY (workout_id, complex_id)
);
CREATE INDEX workout_complexes_complex ON workout_complexes (complex_id);
