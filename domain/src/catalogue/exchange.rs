//! Export and import of a club's catalogue, as JSON (a [`CatalogueFile`]) or as CSV.
//!
//! An import is checked whole before anything is written: the file must parse, every row must
//! be valid ([`CatalogueFile::plan`]), and no row may take a name another exercise of the club
//! already has. Rows are matched to the club's catalogue by French name, so importing a club's
//! export into another club reproduces it: existing entries are updated, missing ones created.

use super::file::{CatalogueFile, CataloguePlan, ComplexRow, ExerciseRow, LabelRow, RowError, Section};
use super::search::fold;
use super::{Complex, Exercise, Label};
use crate::error::{FieldError, FieldProblem};
use crate::ids::{CategoryId, EquipmentId, ExerciseId};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// What an import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportCounts {
    pub created: usize,
    pub updated: usize,
}

/// The two file formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Json,
    Csv,
}

impl Format {
    pub fn parse(raw: &str) -> Option<Self> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "json" => Some(Format::Json),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Csv => "csv",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Format::Json => "application/json",
            Format::Csv => "text/csv",
        }
    }
}

/// One rejected row of an imported file: its line (CSV) or its position in its list (JSON,
/// 1-based), the field, and the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportProblem {
    pub line: usize,
    pub section: Section,
    pub error: FieldError,
}

fn key(name: &str) -> String {
    fold(name).replace(' ', "-")
}

/// The club's catalogue as a file: rows refer to each other by keys made from French names.
pub fn export(
    exercises: &[Exercise],
    complexes: &[Complex],
    categories: &[Label<CategoryId>],
    equipment: &[Label<EquipmentId>],
) -> CatalogueFile {
    let label_row = |names: &super::Names| LabelRow {
        key: key(&names.fr),
        fr: names.fr.clone(),
        en: names.en.clone(),
    };
    let category_key = |id: Option<CategoryId>| {
        id.and_then(|id| categories.iter().find(|c| c.id == id))
            .map(|c| key(&c.names.fr))
    };
    let exercise_key: HashMap<ExerciseId, String> =
        exercises.iter().map(|e| (e.id, key(&e.names.fr))).collect();
    CatalogueFile {
        categories: categories.iter().map(|c| label_row(&c.names)).collect(),
        equipment: equipment.iter().map(|e| label_row(&e.names)).collect(),
        exercises: exercises
            .iter()
            .map(|e| ExerciseRow {
                key: key(&e.names.fr),
                fr: e.names.fr.clone(),
                en: e.names.en.clone(),
                short: e.short_name.clone(),
                category: category_key(e.category),
                equipment: e
                    .equipment
                    .and_then(|id| equipment.iter().find(|q| q.id == id))
                    .map(|q| key(&q.names.fr)),
                description: e.description.clone(),
                video_url: e.video_url.clone(),
                archived: e.archived,
            })
            .collect(),
        complexes: complexes
            .iter()
            .map(|c| ComplexRow {
                fr: c.names.fr.clone(),
                en: c.names.en.clone(),
                category: category_key(c.category),
                movements: c
                    .movements
                    .iter()
                    .filter_map(|m| exercise_key.get(m).cloned())
                    .collect(),
                archived: c.archived,
            })
            .collect(),
    }
}

pub fn to_json(file: &CatalogueFile) -> String {
    serde_json::to_string_pretty(file).unwrap_or_default()
}

const CSV_HEADER: [&str; 12] = [
    "type",
    "name_fr",
    "name_en",
    "short_name",
    "category_fr",
    "category_en",
    "equipment_fr",
    "equipment_en",
    "description",
    "video_url",
    "archived",
    "movements",
];

/// The separator of a complex's movements in the CSV `movements` column.
const MOVEMENTS_SEPARATOR: &str = " + ";

/// What a spreadsheet would read as a formula when a cell starts with it.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell as written to a CSV file: a text a spreadsheet would take for a formula (a name typed
/// as `=HYPERLINK(…)`) is kept as text by a leading apostrophe, which [`from_cell`] removes.
fn to_cell(text: String) -> String {
    if text.starts_with(FORMULA_STARTS) || text.starts_with('\'') {
        format!("'{text}")
    } else {
        text
    }
}

/// A cell as read from a CSV file (see [`to_cell`]).
fn from_cell(text: &str) -> &str {
    text.strip_prefix('\'')
        .filter(|rest| rest.starts_with(FORMULA_STARTS) || rest.starts_with('\''))
        .unwrap_or(text)
}

pub fn to_csv(file: &CatalogueFile) -> String {
    let label = |rows: &[LabelRow], key: &Option<String>| {
        key.as_ref()
            .and_then(|k| rows.iter().find(|r| &r.key == k))
            .map(|r| (r.fr.clone(), r.en.clone()))
            .unwrap_or_default()
    };
    let names: HashMap<&str, &str> = file
        .exercises
        .iter()
        .map(|e| (e.key.as_str(), e.fr.as_str()))
        .collect();
    let yes_no = |b: bool| if b { "yes" } else { "no" };
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut write = |record: [String; 12]| {
        // Writing into memory cannot fail.
        let _ = writer.write_record(record.map(to_cell));
    };
    write(CSV_HEADER.map(str::to_owned));
    for e in &file.exercises {
        let (category_fr, category_en) = label(&file.categories, &e.category);
        let (equipment_fr, equipment_en) = label(&file.equipment, &e.equipment);
        write([
            "exercise".into(),
            e.fr.clone(),
            e.en.clone(),
            e.short.clone().unwrap_or_default(),
            category_fr,
            category_en,
            equipment_fr,
            equipment_en,
            e.description.clone().unwrap_or_default(),
            e.video_url.clone().unwrap_or_default(),
            yes_no(e.archived).into(),
            String::new(),
        ]);
    }
    for c in &file.complexes {
        let (category_fr, category_en) = label(&file.categories, &c.category);
        let movements: Vec<&str> = c
            .movements
            .iter()
            .filter_map(|m| names.get(m.as_str()).copied())
            .collect();
        write([
            "complex".into(),
            c.fr.clone(),
            c.en.clone(),
            String::new(),
            category_fr,
            category_en,
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            yes_no(c.archived).into(),
            movements.join(MOVEMENTS_SEPARATOR),
        ]);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// Where each row of a parsed file came from, to report problems by line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lines {
    categories: Vec<usize>,
    equipment: Vec<usize>,
    exercises: Vec<usize>,
    complexes: Vec<usize>,
}

impl Lines {
    fn of(&self, section: Section, row: usize) -> usize {
        let list = match section {
            Section::Categories => &self.categories,
            Section::Equipment => &self.equipment,
            Section::Exercises => &self.exercises,
            Section::Complexes => &self.complexes,
        };
        row.checked_sub(1)
            .and_then(|i| list.get(i))
            .copied()
            .unwrap_or(row)
    }

    /// JSON rows are reported by their position in their list.
    fn positions(file: &CatalogueFile) -> Self {
        let count = |n: usize| (1..=n).collect();
        Lines {
            categories: count(file.categories.len()),
            equipment: count(file.equipment.len()),
            exercises: count(file.exercises.len()),
            complexes: count(file.complexes.len()),
        }
    }
}

fn problem(line: usize, section: Section, field: &str, problem: FieldProblem) -> ImportProblem {
    ImportProblem {
        line,
        section,
        error: FieldError::new(field, problem),
    }
}

pub fn from_json(text: &str) -> Result<(CatalogueFile, Lines), Vec<ImportProblem>> {
    match serde_json::from_str::<CatalogueFile>(text) {
        Ok(file) => {
            let lines = Lines::positions(&file);
            Ok((file, lines))
        }
        Err(e) => Err(vec![problem(
            e.line(),
            Section::Exercises,
            "file",
            FieldProblem::InvalidFormat,
        )]),
    }
}

/// Reads the CSV that [`to_csv`] writes (columns found by their header, in any order).
pub fn from_csv(text: &str) -> Result<(CatalogueFile, Lines), Vec<ImportProblem>> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|c| c.trim().to_ascii_lowercase()).collect(),
        Err(_) => {
            return Err(vec![problem(
                1,
                Section::Exercises,
                "file",
                FieldProblem::InvalidFormat,
            )]);
        }
    };
    let column = |name: &str| header.iter().position(|h| h == name);
    let Some(type_column) = column("type") else {
        return Err(vec![problem(
            1,
            Section::Exercises,
            "type",
            FieldProblem::Required,
        )]);
    };
    let Some(name_column) = column("name_fr") else {
        return Err(vec![problem(
            1,
            Section::Exercises,
            "name_fr",
            FieldProblem::Required,
        )]);
    };
    let mut file = CatalogueFile::default();
    let mut lines = Lines::default();
    let mut problems = Vec::new();
    let labels = |rows: &mut Vec<LabelRow>, at: &mut Vec<usize>, line: usize, fr: &str, en: &str| {
        let fr = fr.trim();
        if fr.is_empty() {
            return None;
        }
        let k = key(fr);
        if !rows.iter().any(|r| r.key == k) {
            rows.push(LabelRow {
                key: k.clone(),
                fr: fr.to_owned(),
                en: en.trim().to_owned(),
            });
            at.push(line);
        }
        Some(k)
    };
    for (i, record) in reader.records().enumerate() {
        // Line 1 is the header.
        let line = record
            .as_ref()
            .ok()
            .and_then(|r| r.position())
            .map_or(i + 2, |p| usize::try_from(p.line()).unwrap_or(i + 2));
        let Ok(record) = record else {
            problems.push(problem(
                line,
                Section::Exercises,
                "file",
                FieldProblem::InvalidFormat,
            ));
            continue;
        };
        let get = |name: &str| {
            column(name)
                .and_then(|c| record.get(c))
                .map_or("", from_cell)
                .to_owned()
        };
        let archived = match get("archived").trim().to_ascii_lowercase().as_str() {
            "" | "no" | "non" | "false" | "0" => false,
            "yes" | "oui" | "true" | "1" => true,
            _ => {
                problems.push(problem(
                    line,
                    Section::Exercises,
                    "archived",
                    FieldProblem::InvalidChoice,
                ));
                false
            }
        };
        let category = labels(
            &mut file.categories,
            &mut lines.categories,
            line,
            &get("category_fr"),
            &get("category_en"),
        );
        let name_fr = record.get(name_column).map_or("", from_cell).to_owned();
        match record
            .get(type_column)
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase()
            .as_str()
        {
            "exercise" | "exercice" => {
                let equipment = labels(
                    &mut file.equipment,
                    &mut lines.equipment,
                    line,
                    &get("equipment_fr"),
                    &get("equipment_en"),
                );
                let optional = |v: String| (!v.trim().is_empty()).then_some(v);
                file.exercises.push(ExerciseRow {
                    key: key(&name_fr),
                    fr: name_fr,
                    en: get("name_en"),
                    short: optional(get("short_name")),
                    category,
                    equipment,
                    description: optional(get("description")),
                    video_url: optional(get("video_url")),
                    archived,
                });
                lines.exercises.push(line);
            }
            "complex" | "complexe" => {
                let movements = get("movements")
                    .split(MOVEMENTS_SEPARATOR.trim())
                    .map(str::trim)
                    .filter(|m| !m.is_empty())
                    .map(key)
                    .collect();
                file.complexes.push(ComplexRow {
                    fr: name_fr,
                    en: get("name_en"),
                    category,
                    movements,
                    archived,
                });
                lines.complexes.push(line);
            }
            _ => problems.push(problem(
                line,
                Section::Exercises,
                "type",
                FieldProblem::InvalidChoice,
            )),
        }
    }
    if problems.is_empty() {
        Ok((file, lines))
    } else {
        Err(problems)
    }
}

/// Checks a parsed file against the club's exercises: every row valid, and no name taken by
/// another exercise than the one the row updates (matched by French name).
pub fn check(
    file: &CatalogueFile,
    lines: &Lines,
    existing: &[Exercise],
) -> Result<CataloguePlan, Vec<ImportProblem>> {
    let to_problem = |e: RowError| ImportProblem {
        line: lines.of(e.section, e.row),
        section: e.section,
        error: e.error,
    };
    let plan = file
        .plan()
        .map_err(|errors| errors.into_iter().map(to_problem).collect::<Vec<_>>())?;
    let mut problems = Vec::new();
    for (i, planned) in plan.exercises.iter().enumerate() {
        let fr = planned.draft.name_fr.key();
        let en = planned.draft.name_en.key();
        let updates = existing.iter().find(|e| fold(&e.names.fr) == fr).map(|e| e.id);
        let taken = existing.iter().find(|e| {
            Some(e.id) != updates
                && (fold(&e.names.fr) == en || fold(&e.names.en) == en || fold(&e.names.en) == fr)
        });
        if let Some(other) = taken {
            problems.push(ImportProblem {
                line: lines.of(Section::Exercises, i + 1),
                section: Section::Exercises,
                error: FieldError::new(
                    "name_en",
                    FieldProblem::DuplicateName {
                        existing: other.names.fr.clone(),
                    },
                ),
            });
        }
    }
    if problems.is_empty() {
        Ok(plan)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::Names;
    use crate::ids::ComplexId;

    fn names(fr: &str, en: &str) -> Names {
        Names {
            fr: fr.into(),
            en: en.into(),
        }
    }

    type Club = (
        Vec<Exercise>,
        Vec<Complex>,
        Vec<Label<CategoryId>>,
        Vec<Label<EquipmentId>>,
    );

    fn club() -> Club {
        let exercise = |id: i64, fr: &str, en: &str, archived: bool| Exercise {
            short_name: (id == 3).then(|| "TLA".to_owned()),
            category: Some(CategoryId(7)),
            equipment: (id != 2).then_some(EquipmentId(9)),
            description: (id == 1)
                .then(|| "Du sol au-dessus de la tête, \"en un temps\", d'un seul geste.".to_owned()),
            archived,
            ..Exercise::named(ExerciseId(id), names(fr, en))
        };
        (
            vec![
                exercise(1, "Arraché", "Snatch", false),
                exercise(2, "Squat arraché", "Overhead squat", true),
                exercise(3, "Tirage lourd d'arraché", "Snatch pull", false),
            ],
            vec![Complex {
                id: ComplexId(1),
                names: names("Tirage lourd d'arraché + Arraché", "Snatch pull + Snatch"),
                category: Some(CategoryId(7)),
                movements: vec![ExerciseId(3), ExerciseId(1), ExerciseId(1)],
                archived: false,
                version: 1,
            }],
            vec![Label {
                id: CategoryId(7),
                names: names("Arraché", "Snatch"),
            }],
            vec![Label {
                id: EquipmentId(9),
                names: names("Barre", "Barbell"),
            }],
        )
    }

    fn exported() -> CatalogueFile {
        let (e, c, k, q) = club();
        export(&e, &c, &k, &q)
    }

    #[test]
    fn exported_cells_never_start_a_formula_and_come_back_as_typed() {
        for text in [
            "=HYPERLINK(\"https://evil.example\")",
            "+1",
            "-2 kg",
            "@SUM(A1)",
            "'quoted",
            "\tTab",
            "Arraché",
        ] {
            let cell = to_cell(text.to_owned());
            assert!(!cell.starts_with(FORMULA_STARTS), "{cell:?}");
            assert_eq!(from_cell(&cell), text);
        }
        let file = CatalogueFile {
            exercises: vec![ExerciseRow {
                short: Some("-TLA".into()),
                description: Some("+desc".into()),
                ..ExerciseRow::named("x", "=1+1", "@evil")
            }],
            ..CatalogueFile::default()
        };
        let csv = to_csv(&file);
        for line in csv.lines().skip(1) {
            for cell in line.split(',') {
                assert!(
                    !cell.trim_start_matches('"').starts_with(FORMULA_STARTS),
                    "{line}"
                );
            }
        }
        let (back, _) = from_csv(&csv).expect("reads back");
        assert_eq!(back.exercises[0].fr, "=1+1");
        assert_eq!(back.exercises[0].en, "@evil");
        assert_eq!(back.exercises[0].short.as_deref(), Some("-TLA"));
        assert_eq!(back.exercises[0].description.as_deref(), Some("+desc"));
    }

    #[test]
    fn json_and_csv_round_trip_the_catalogue() {
        let file = exported();
        let (from_json, _) = from_json(&to_json(&file)).unwrap_or_default();
        assert_eq!(from_json, file);
        let csv = to_csv(&file);
        assert!(csv.starts_with("type,name_fr,name_en,"));
        assert!(csv.contains("complex,Tirage lourd d'arraché + Arraché,Snatch pull + Snatch"));
        let (from_csv, _) = from_csv(&csv).unwrap_or_default();
        assert_eq!(from_csv, file);
    }

    #[test]
    fn an_export_reimports_onto_its_own_club_without_problems() {
        let (existing, ..) = club();
        let file = exported();
        let plan = check(&file, &Lines::positions(&file), &existing);
        assert_eq!(plan.map(|p| (p.exercises.len(), p.complexes.len())), Ok((3, 1)));
    }

    #[test]
    fn csv_problems_are_reported_by_line_and_field() {
        let csv = "type,name_fr,name_en,category_fr,archived,movements\n\
                   exercise,Arraché,Snatch,Arraché,no,\n\
                   exercise,,,,no,\n\
                   exercise,Épaulé,Clean,,peut-être,\n\
                   complex,Mon complexe,,,,Arraché + Inconnu\n\
                   recette,Gâteau,,,,\n";
        let found = match from_csv(csv) {
            Err(problems) => problems,
            Ok((file, lines)) => check(&file, &lines, &[]).err().unwrap_or_default(),
        };
        let summary: Vec<(usize, &str)> = found.iter().map(|p| (p.line, p.error.field.as_str())).collect();
        assert_eq!(summary, [(4, "archived"), (6, "type")]);
        // Once the file reads, the rows are checked: a missing name, an unknown movement.
        let csv = csv
            .replace("peut-être", "oui")
            .replace("recette,Gâteau,,,,\n", "");
        let (file, lines) = from_csv(&csv).unwrap_or_default();
        let found = check(&file, &lines, &[]).err().unwrap_or_default();
        let summary: Vec<(usize, &str)> = found.iter().map(|p| (p.line, p.error.field.as_str())).collect();
        assert_eq!(summary, [(3, "name_fr"), (5, "movements")]);
    }

    #[test]
    fn a_name_taken_by_another_exercise_of_the_club_is_refused() {
        let (existing, ..) = club();
        let file = CatalogueFile {
            exercises: vec![ExerciseRow::named("x", "Arraché classique", "snatch")],
            ..CatalogueFile::default()
        };
        let found = check(&file, &Lines::positions(&file), &existing)
            .err()
            .unwrap_or_default();
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].error.problem,
            FieldProblem::DuplicateName {
                existing: "Arraché".into()
            }
        );
    }

    #[test]
    fn a_broken_file_is_one_problem_not_a_crash() {
        assert_eq!(
            from_json("{ nope").err().map(|p| p[0].error.field.clone()),
            Some("file".into())
        );
        assert_eq!(
            from_csv("").err().map(|p| p[0].error.field.clone()),
            Some("type".into())
        );
        assert_eq!(Format::parse(" CSV "), Some(Format::Csv));
        assert_eq!(Format::parse("xml"), None);
    }
}
