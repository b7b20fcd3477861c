-- The club's catalogue: categories and equipment (club-editable lists), exercises, complexes.
-- `*_key` columns hold a name folded for comparison (no case, no accents): a club cannot have two
-- exercises of the same name.
CREATE TABLE catalogue_categories (
    id      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    club_id BIGINT  NOT NULL REFERENCES clubs (id) ON DELETE CASCADE,
    name_fr TEXT    NOT NULL,
    name_en TEXT    NOT NULL,
    name_key TEXT   NOT NULL,
    UNIQUE (club_id, name_key)
);

CREATE TABLE catalogue_equipment (
    id      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    club_id BIGINT  NOT NULL REFERENCES clubs (id) ON DELETE CASCADE,
    name_fr TEXT    NOT NULL,
    name_en TEXT    NOT NULL,
    name_key TEXT   NOT NULL,
    UNIQUE (club_id, name_key)
);

CREATE TABLE exercises (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    club_id      BIGINT  NOT NULL REFERENCES clubs (id) ON DELETE CASCADE,
    name_fr      TEXT    NOT NULL,
    name_en      TEXT    NOT NULL,
    name_fr_key  TEXT    NOT NULL,
    name_en_key  TEXT    NOT NULL,
    short_name   TEXT,
    category_id  BIGINT  REFERENCES catalogue_categories (id) ON DELETE SET NULL,
    equipment_id BIGINT  REFERENCES catalogue_equipment (id) ON DELETE SET NULL,
    description  TEXT,
    video_url    TEXT,
    archived_at  TIMESTAMPTZ,
    version      BIGINT  NOT NULL DEFAULT 1,
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL,
    UNIQUE (club_id, name_fr_key),
    UNIQUE (club_id, name_en_key)
);

CREATE TABLE complexes (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    club_id     BIGINT  NOT NULL REFERENCES clubs (id) ON DELETE CASCADE,
    name_fr     TEXT    NOT NULL,
    name_en     TEXT    NOT NULL,
    category_id BIGINT  REFERENCES catalogue_categories (id) ON DELETE SET NULL,
    archived_at TIMESTAMPTZ,
    version     BIGINT  NOT NULL DEFAULT 1,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX complexes_club ON complexes (club_id);

-- A used exercise cannot be deleted (RESTRICT): it is archived instead.
CREATE TABLE complex_movements (
    complex_id  BIGINT  NOT NULL REFERENCES complexes (id) ON DELETE CASCADE,
    position    BIGINT  NOT NULL,
    exercise_id BIGINT  NOT NULL REFERENCES exercises (id) ON DELETE RESTRICT,
    PRIMARY KEY (complex_id, position)
);
CREATE INDEX complex_movements_exercise ON complex_movements (exercise_id);
