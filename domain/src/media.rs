//! Media of the catalogue: an exercise's image and video. The type of an upload is read from its
//! first bytes, never from its name; sizes are bounded; files live behind the [`MediaStore`]
//! port (a directory today, S3-compatible storage later).

use crate::error::FieldProblem;
use crate::ids::{ClubId, ExerciseId};
use async_trait::async_trait;
use serde::{Deserialize, Serialize};

/// Which media of an exercise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Slot {
    Image,
    Video,
}

impl Slot {
    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "image" => Some(Slot::Image),
            "video" => Some(Slot::Video),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Slot::Image => "image",
            Slot::Video => "video",
        }
    }

    /// The largest file the slot accepts.
    pub fn max_bytes(self) -> usize {
        match self {
            Slot::Image => 5 * 1024 * 1024,
            Slot::Video => 50 * 1024 * 1024,
        }
    }
}

/// The file types DropIt accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MediaType {
    Png,
    Jpeg,
    Webp,
    Mp4,
    Webm,
}

impl MediaType {
    pub fn extension(self) -> &'static str {
        match self {
            MediaType::Png => "png",
            MediaType::Jpeg => "jpg",
            MediaType::Webp => "webp",
            MediaType::Mp4 => "mp4",
            MediaType::Webm => "webm",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            MediaType::Png => "image/png",
            MediaType::Jpeg => "image/jpeg",
            MediaType::Webp => "image/webp",
            MediaType::Mp4 => "video/mp4",
            MediaType::Webm => "video/webm",
        }
    }

    pub fn slot(self) -> Slot {
        match self {
            MediaType::Png | MediaType::Jpeg | MediaType::Webp => Slot::Image,
            MediaType::Mp4 | MediaType::Webm => Slot::Video,
        }
    }

    pub fn from_extension(ext: &str) -> Option<Self> {
        match ext {
            "png" => Some(MediaType::Png),
            "jpg" => Some(MediaType::Jpeg),
            "webp" => Some(MediaType::Webp),
            "mp4" => Some(MediaType::Mp4),
            "webm" => Some(MediaType::Webm),
            _ => None,
        }
    }
}

/// The type of a file from its first bytes (its signature), whatever its name says.
pub fn sniff(bytes: &[u8]) -> Option<MediaType> {
    match bytes {
        [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => Some(MediaType::Png),
        [0xFF, 0xD8, 0xFF, ..] => Some(MediaType::Jpeg),
        [b'R', b'I', b'F', b'F', _, _, _, _, b'W', b'E', b'B', b'P', ..] => Some(MediaType::Webp),
        [_, _, _, _, b'f', b't', b'y', b'p', ..] => Some(MediaType::Mp4),
        [0x1A, 0x45, 0xDF, 0xA3, ..] => Some(MediaType::Webm),
        _ => None,
    }
}

/// How many first bytes of an upload [`sniff`] needs.
pub const HEAD_BYTES: usize = 16;

/// Checks an upload for a slot from its first bytes and its size: a type the slot takes,
/// within its size.
pub fn check_upload(slot: Slot, head: &[u8], len: u64) -> Result<MediaType, FieldProblem> {
    if len > slot.max_bytes() as u64 {
        return Err(slot.too_large());
    }
    match sniff(head) {
        Some(kind) if kind.slot() == slot => Ok(kind),
        _ => Err(FieldProblem::UnsupportedFile),
    }
}

impl Slot {
    /// The problem of a file over the slot's size.
    pub fn too_large(self) -> FieldProblem {
        FieldProblem::FileTooLarge {
            max_mb: self.max_bytes() / (1024 * 1024),
        }
    }
}

/// An upload received whole by a media adapter but not kept yet: the adapter's name for it, its
/// first bytes (its type is read from them) and its size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Staged {
    pub id: String,
    pub head: Vec<u8>,
    pub len: u64,
}

/// Where a media file is stored: `c<club>/e<exercise>-<slot>-<unique>.<ext>`. The club comes
/// first, so serving a file checks it belongs to the caller's club.
pub fn media_key(club: ClubId, exercise: ExerciseId, slot: Slot, unique: &str, kind: MediaType) -> String {
    format!(
        "c{club}/e{exercise}-{}-{unique}.{}",
        slot.as_str(),
        kind.extension()
    )
}

/// The club a media key belongs to, and its type, if it is a well-formed key.
pub fn parse_key(key: &str) -> Option<(ClubId, MediaType)> {
    let (club, file) = key.split_once('/')?;
    let club = club.strip_prefix('c')?.parse().ok().map(ClubId)?;
    if file.contains('/') || file.contains("..") || file.starts_with('.') {
        return None;
    }
    let name_ok = file
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.');
    let kind = MediaType::from_extension(file.rsplit_once('.')?.1)?;
    name_ok.then_some((club, kind))
}

/// How a video link is shown: an embedded player for the video sites DropIt knows, the video
/// itself for a direct file link, a plain link otherwise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum VideoLink {
    /// The address of an embeddable player.
    Embed(String),
    File(String),
    Link(String),
}

pub fn video_link(url: &str) -> VideoLink {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(url);
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    let id_ok = |id: &str| {
        !id.is_empty()
            && id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    };
    let youtube = rest
        .strip_prefix("youtube.com/watch?")
        .and_then(|q| q.split('&').find_map(|p| p.strip_prefix("v=")))
        .or_else(|| {
            rest.strip_prefix("youtu.be/")
                .map(|r| r.split(['?', '&']).next().unwrap_or(""))
        })
        .or_else(|| {
            rest.strip_prefix("youtube.com/shorts/")
                .map(|r| r.split('?').next().unwrap_or(""))
        });
    if let Some(id) = youtube.filter(|id| id_ok(id)) {
        return VideoLink::Embed(format!("https://www.youtube-nocookie.com/embed/{id}"));
    }
    if let Some(id) = rest
        .strip_prefix("vimeo.com/")
        .filter(|id| id.chars().all(|c| c.is_ascii_digit()) && !id.is_empty())
    {
        return VideoLink::Embed(format!("https://player.vimeo.com/video/{id}"));
    }
    let path = url.split(['?', '#']).next().unwrap_or(url).to_ascii_lowercase();
    if path.ends_with(".mp4") || path.ends_with(".webm") {
        VideoLink::File(url.to_owned())
    } else {
        VideoLink::Link(url.to_owned())
    }
}

/// Failures of a media adapter.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("media storage failure: {0}")]
pub struct MediaError(pub String);

/// Where media files live. The default adapter writes under `data/media`; an S3-compatible one
/// can take its place.
#[async_trait]
pub trait MediaStore: Send + Sync {
    /// Keeps a staged upload as the file `key` (a reader never sees half a file).
    async fn keep(&self, staged: &Staged, key: &str) -> Result<(), MediaError>;
    /// Forgets a staged upload that is not kept.
    async fn discard(&self, staged: &Staged);
    /// Removes a file; a missing file is not an error.
    async fn delete(&self, key: &str) -> Result<(), MediaError>;
}

#[cfg(test)]
mod tests {
    use super::*;

    const PNG: &[u8] = &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0];
    const JPEG: &[u8] = &[0xFF, 0xD8, 0xFF, 0xE0, 0, 0];
    const WEBP: &[u8] = b"RIFF\x10\0\0\0WEBPVP8 ";
    const MP4: &[u8] = b"\0\0\0\x18ftypmp42\0\0";
    const WEBM: &[u8] = &[0x1A, 0x45, 0xDF, 0xA3, 0x9F];

    #[test]
    fn the_type_comes_from_the_content() {
        assert_eq!(sniff(PNG), Some(MediaType::Png));
        assert_eq!(sniff(JPEG), Some(MediaType::Jpeg));
        assert_eq!(sniff(WEBP), Some(MediaType::Webp));
        assert_eq!(sniff(MP4), Some(MediaType::Mp4));
        assert_eq!(sniff(WEBM), Some(MediaType::Webm));
        // A text file named photo.png is still text.
        assert_eq!(sniff(b"<svg xmlns='http://www.w3.org/2000/svg'/>"), None);
        assert_eq!(sniff(b""), None);
    }

    #[test]
    fn each_slot_takes_its_types_within_its_size() {
        let len = |bytes: &[u8]| bytes.len() as u64;
        assert_eq!(check_upload(Slot::Image, PNG, len(PNG)), Ok(MediaType::Png));
        assert_eq!(check_upload(Slot::Video, WEBM, len(WEBM)), Ok(MediaType::Webm));
        assert_eq!(
            check_upload(Slot::Image, MP4, len(MP4)),
            Err(FieldProblem::UnsupportedFile)
        );
        assert_eq!(
            check_upload(Slot::Video, PNG, len(PNG)),
            Err(FieldProblem::UnsupportedFile)
        );
        assert_eq!(
            check_upload(Slot::Image, PNG, Slot::Image.max_bytes() as u64 + 1),
            Err(FieldProblem::FileTooLarge { max_mb: 5 })
        );
    }

    #[test]
    fn keys_name_their_club_and_cannot_escape_it() {
        let key = media_key(ClubId(3), ExerciseId(12), Slot::Image, "a1b2", MediaType::Webp);
        assert_eq!(key, "c3/e12-image-a1b2.webp");
        assert_eq!(parse_key(&key), Some((ClubId(3), MediaType::Webp)));
        assert_eq!(parse_key("c3/../c4/e1-image-x.png"), None);
        assert_eq!(parse_key("c3/sub/e1.png"), None);
        assert_eq!(parse_key("c3/e1-image-x.exe"), None);
        assert_eq!(parse_key("x3/e1-image-x.png"), None);
    }

    #[test]
    fn video_links_become_players_when_possible() {
        let embed = |id: &str| VideoLink::Embed(format!("https://www.youtube-nocookie.com/embed/{id}"));
        let cases = [
            (
                "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=3",
                embed("dQw4w9WgXcQ"),
            ),
            ("https://youtu.be/dQw4w9WgXcQ?si=x", embed("dQw4w9WgXcQ")),
            ("https://youtube.com/shorts/abc_DEF-1", embed("abc_DEF-1")),
            (
                "https://vimeo.com/76979871",
                VideoLink::Embed("https://player.vimeo.com/video/76979871".into()),
            ),
            (
                "https://club.example/videos/arrache.MP4?dl=1",
                VideoLink::File("https://club.example/videos/arrache.MP4?dl=1".into()),
            ),
            (
                "https://club.example/page",
                VideoLink::Link("https://club.example/page".into()),
            ),
            // Something that only looks like an id is not embedded.
            (
                "https://youtube.com/watch?v=<script>",
                VideoLink::Link("https://youtube.com/watch?v=<script>".into()),
            ),
        ];
        for (url, expected) in cases {
            assert_eq!(video_link(url), expected, "{url}");
        }
    }
}
