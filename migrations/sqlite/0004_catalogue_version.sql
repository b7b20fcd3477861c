-- A counter the database bumps on every change to a club's catalogue (exercises, complexes,
-- categories, equipment), whoever makes it. The server keeps each club's catalogue in memory
-- and reloads it only when this counter has moved.
ALTER TABLE clubs ADD COLUMN catalogue_version INTEGER NOT NULL DEFAULT 0;

CREATE TRIGGER exercises_insert_bumps_catalogue AFTER INSERT ON exercises
BEGIN
    UPDATE clubs SET catalogue_version = catalogue_version + 1 WHERE id = NEW.club_id;
END;

CREATE TRIGGER exercises_update_bumps_catalogue AFTER UPDATE ON exercises
BEGIN
    UPDATE clubs SET catalogue_version = catalogue_version + 1 WHERE id = NEW.club_id;
END;

CREATE TRIGGER exercises_delete_bumps_catalogue AFTER DELETE ON exercises
BEGIN
    UPDATE clubs SET catalogue_version = catalogue_version + 1 WHERE id = OLD.club_id;
END;

CREATE TRIGGER complexes_insert_bumps_catalogue AFTER INSERT ON complexes
BEGIN
    UPDATE clubs SET catalogue_version = catalogue_version + 1 WHERE id = NEW.club_id;
END;

CREATE TRIGGER complexes_update_bumps_catalogue AFTER UPDATE ON complexes
BEGIN
    UPDATE clubs SET catalogue_version = catalogue_version + 1 WHERE id = NEW.club_id;
END;

CREATE TRIGGER complexes_delete_bumps_catalogue AFTER DELETE ON complexes
BEGIN
    UPDATE clubs SET catalogue_version = catalogue_version + 1 WHERE id = OLD.club_id;
END;

CREATE TRIGGER catalogue_categories_insert_bumps_catalogue AFTER INSERT ON catalogue_categories
BEGIN
    UPDATE clubs SET catalogue_version = catalogue_version + 1 WHERE id = NEW.club_id;
END;

CREATE TRIGGER catalogue_categories_update_bumps_catalogue AFTER UPDATE ON catalogue_categories
BEGIN
    UPDATE clubs SET catalogue_version = catalogue_version + 1 WHERE id = NEW.club_id;
END;

CREATE TRIGGER catalogue_categories_delete_bumps_catalogue AFTER DELETE ON catalogue_categories
BEGIN
    UPDATE clubs SET catalogue_version = catalogue_version + 1 WHERE id = OLD.club_id;
END;

CREATE TRIGGER catalogue_equipment_insert_bumps_catalogue AFTER INSERT ON catalogue_equipment
BEGIN
    UPDATE clubs SET catalogue_version = catalogue_version + 1 WHERE id = NEW.club_id;
END;

CREATE TRIGGER catalogue_equipment_update_bumps_catalogue AFTER UPDATE ON catalogue_equipment
BEGIN
    UPDATE clubs SET catalogue_version = catalogue_version + 1 WHERE id = NEW.club_id;
END;

CREATE TRIGGER catalogue_equipment_delete_bumps_catalogue AFTER DELETE ON catalogue_equipment
BEGIN
    UPDATE clubs SET catalogue_version = catalogue_version + 1 WHERE id = OLD.club_id;
END;
