-- A counter the database bumps on every change to a club's catalogue (exercises, complexes,
-- categories, equipment), whoever makes it. The server keeps each club's catalogue in memory
-- and reloads it only when this counter has moved.
ALTER TABLE clubs ADD COLUMN catalogue_version BIGINT NOT NULL DEFAULT 0;

CREATE FUNCTION bump_catalogue_version() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        UPDATE clubs SET catalogue_version = catalogue_version + 1 WHERE id = OLD.club_id;
        RETURN OLD;
    END IF;
    UPDATE clubs SET catalogue_version = catalogue_version + 1 WHERE id = NEW.club_id;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER exercises_bump_catalogue AFTER INSERT OR UPDATE OR DELETE ON exercises
    FOR EACH ROW EXECUTE FUNCTION bump_catalogue_version();

CREATE TRIGGER complexes_bump_catalogue AFTER INSERT OR UPDATE OR DELETE ON complexes
    FOR EACH ROW EXECUTE FUNCTION bump_catalogue_version();

CREATE TRIGGER catalogue_categories_bump_catalogue AFTER INSERT OR UPDATE OR DELETE ON catalogue_categories
    FOR EACH ROW EXECUTE FUNCTION bump_catalogue_version();

CREATE TRIGGER catalogue_equipment_bump_catalogue AFTER INSERT OR UPDATE OR DELETE ON catalogue_equipment
    FOR EACH ROW EXECUTE FUNCTION bump_catalogue_version();
