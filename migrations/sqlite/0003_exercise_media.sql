-- An exercise's uploaded image and video: keys of files in the media store.
ALTER TABLE exercises ADD COLUMN image_key TEXT;
ALTER TABLE exercises ADD COLUMN video_key TEXT;
