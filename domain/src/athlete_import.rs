//! Importing a club's athletes from a CSV file (a spreadsheet's export), all or nothing.
//!
//! [`plan`] reads the whole file and checks every row before anything is written: each row must
//! make a valid athlete, name valid groups, and be neither twice in the file nor already in the
//! club. Every problem is reported at once, by line (the header is line 1), so the coach fixes the
//! file in one go; the store then writes the [`AthleteImportPlan`] in one transaction.
//!
//! Columns are found by their header, in any order, without case or accents, in French or in
//! English; unknown columns are ignored. The delimiter (`,` or `;`) is read from the header line.

use crate::athlete::{Athlete, AthleteDraft, AthleteInput, parse_group_name};
use crate::catalogue::search::fold;
use crate::competition::Sex;
use crate::error::FieldProblem;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The most athletes one file may hold: a club's roster, not a federation's.
pub const MAX_ROWS: usize = 1000;

/// One athlete of the file, checked: its line, what the store writes, and its groups' names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AthleteImportRow {
    pub line: usize,
    pub draft: AthleteDraft,
    /// Distinct without case or accents, spelled as in the file.
    pub groups: Vec<String>,
}

/// A whole file, checked: what the store writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AthleteImportPlan {
    pub rows: Vec<AthleteImportRow>,
    /// Every group the rows name, once (matched without case or accents, first spelling kept).
    pub groups: Vec<String>,
}

/// Why a line of the file is refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImportIssue {
    /// A value the athlete form would refuse.
    Field(FieldProblem),
    /// A required column has no header (reported on line 1).
    MissingColumn,
    /// The athlete is already in the club, or earlier in the file: same first and last name
    /// and birth date, or same email.
    Duplicate,
    /// The file has no athlete.
    Empty,
    /// The file has more athletes than one import takes.
    TooManyRows { max: usize },
    /// The line is not CSV this import can read (a quote left open, for one).
    Unreadable,
}

/// One problem of an imported file: its line (the header is line 1), the field, the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AthleteImportProblem {
    pub line: usize,
    pub field: String,
    pub problem: ImportIssue,
}

fn problem(line: usize, field: &str, problem: ImportIssue) -> AthleteImportProblem {
    AthleteImportProblem {
        line,
        field: field.to_owned(),
        problem,
    }
}

/// The columns read; the rest of the file is ignored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    FirstName,
    LastName,
    BirthDate,
    Sex,
    Email,
    Licence,
    Groups,
}

impl Column {
    const ALL: [Column; 7] = [
        Column::FirstName,
        Column::LastName,
        Column::BirthDate,
        Column::Sex,
        Column::Email,
        Column::Licence,
        Column::Groups,
    ];

    /// The field problems are reported under: the athlete form's.
    fn field(self) -> &'static str {
        match self {
            Column::FirstName => "first_name",
            Column::LastName => "last_name",
            Column::BirthDate => "birth_date",
            Column::Sex => "sex",
            Column::Email => "email",
            Column::Licence => "licence",
            Column::Groups => "groups",
        }
    }

    /// The headers it is known by, folded.
    fn headers(self) -> &'static [&'static str] {
        match self {
            Column::FirstName => &["first name", "firstname", "given name", "prenom"],
            Column::LastName => &[
                "last name",
                "lastname",
                "surname",
                "family name",
                "nom",
                "nom de famille",
            ],
            Column::BirthDate => &[
                "birth date",
                "birthdate",
                "date of birth",
                "date de naissance",
                "naissance",
            ],
            Column::Sex => &["sex", "gender", "sexe", "genre"],
            Column::Email => &["email", "e mail", "mail", "courriel"],
            Column::Licence => &[
                "licence",
                "license",
                "licence number",
                "license number",
                "numero de licence",
            ],
            Column::Groups => &["group", "groups", "groupe", "groupes"],
        }
    }

    fn required(self) -> bool {
        matches!(self, Column::FirstName | Column::LastName | Column::Sex)
    }
}

/// Where each column is in the file (the first header that names it).
struct Columns(Vec<(Column, usize)>);

impl Columns {
    fn find(header: &csv::StringRecord) -> Self {
        let folded: Vec<String> = header.iter().map(fold).collect();
        Columns(
            Column::ALL
                .iter()
                .filter_map(|&c| {
                    folded
                        .iter()
                        .position(|h| c.headers().contains(&h.as_str()))
                        .map(|i| (c, i))
                })
                .collect(),
        )
    }

    fn index(&self, column: Column) -> Option<usize> {
        self.0.iter().find(|(c, _)| *c == column).map(|(_, i)| *i)
    }

    fn get<'r>(&self, record: &'r csv::StringRecord, column: Column) -> &'r str {
        self.index(column).and_then(|i| record.get(i)).unwrap_or("")
    }
}

/// `;` when the header line has more of them than commas (outside quotes), else `,`.
fn delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    let (mut quoted, mut commas, mut semicolons) = (false, 0usize, 0usize);
    for c in header.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => commas += 1,
            ';' if !quoted => semicolons += 1,
            _ => {}
        }
    }
    if semicolons > commas { b';' } else { b',' }
}

/// A birth date as the athlete form reads it: `DD/MM/YYYY` becomes `YYYY-MM-DD`; anything else is
/// left for the form to accept or refuse.
fn iso_date(raw: &str) -> String {
    let raw = raw.trim();
    match NaiveDate::parse_from_str(raw, "%d/%m/%Y") {
        Ok(date) => date.to_string(),
        Err(_) => raw.to_owned(),
    }
}

/// A sex as the athlete form reads it (`women`, `men`): French and English words and initials
/// are understood; anything else is left for the form to refuse.
fn sex_value(raw: &str) -> String {
    match fold(raw).as_str() {
        "women" | "woman" | "female" | "w" | "f" | "femme" | "femmes" | "feminin" => {
            Sex::Women.as_str().to_owned()
        }
        "men" | "man" | "male" | "m" | "h" | "homme" | "hommes" | "masculin" => Sex::Men.as_str().to_owned(),
        _ => raw.to_owned(),
    }
}

/// A row's groups: separated by `;` or `|`, each a valid group name, each once.
fn row_groups(line: usize, raw: &str, problems: &mut Vec<AthleteImportProblem>) -> Vec<String> {
    let field = Column::Groups.field();
    let mut groups: Vec<String> = Vec::new();
    for part in raw.split([';', '|']).filter(|p| !p.trim().is_empty()) {
        match parse_group_name(field, part) {
            Ok(name) => {
                if !groups.iter().any(|g| fold(g) == fold(&name)) {
                    groups.push(name);
                }
            }
            Err(e) => problems.push(problem(line, field, ImportIssue::Field(e.problem))),
        }
    }
    groups
}

/// Turns the reader's byte offsets into lines as a person sees them (the header is line 1).
/// The reader's own line numbers skip blank lines and miscount `\r\n`, and its offset may
/// point at the end of the line before: its line breaks are skipped first.
struct LineCounter<'t> {
    bytes: &'t [u8],
    newline: u8,
    offset: usize,
    line: usize,
}

impl<'t> LineCounter<'t> {
    fn new(text: &'t str) -> Self {
        let bytes = text.as_bytes();
        // Old Mac files end their lines with `\r` alone.
        let newline = if bytes.contains(&b'\n') { b'\n' } else { b'\r' };
        LineCounter {
            bytes,
            newline,
            offset: 0,
            line: 1,
        }
    }

    /// The line of the record the reader placed at `byte` (records come in order).
    fn at(&mut self, byte: usize) -> usize {
        let mut start = byte.max(self.offset);
        while self.bytes.get(start).is_some_and(|b| matches!(b, b'\r' | b'\n')) {
            start += 1;
        }
        let end = start.min(self.bytes.len());
        let skipped = self.bytes.get(self.offset..end).unwrap_or_default();
        self.line += skipped.iter().filter(|b| **b == self.newline).count();
        self.offset = end;
        self.line
    }
}

/// What makes two athletes the same person: folded names and birth date, or email.
struct Identity {
    first_name: String,
    last_name: String,
    birth_date: Option<NaiveDate>,
    email: Option<String>,
}

impl Identity {
    fn of_draft(draft: &AthleteDraft) -> Self {
        Identity {
            first_name: fold(&draft.first_name),
            last_name: fold(&draft.last_name),
            birth_date: draft.birth_date,
            email: draft.email.as_ref().map(|e| e.as_str().to_owned()),
        }
    }

    fn of_athlete(athlete: &Athlete) -> Self {
        Identity {
            first_name: fold(&athlete.first_name),
            last_name: fold(&athlete.last_name),
            birth_date: athlete.birth_date,
            email: athlete.email.as_ref().map(|e| e.trim().to_lowercase()),
        }
    }

    /// The field a duplicate is reported under, when `self` and `other` are the same person.
    /// Two unknown birth dates are the same: nothing tells the two apart.
    fn same_as(&self, other: &Identity) -> Option<&'static str> {
        if (&self.first_name, &self.last_name, self.birth_date)
            == (&other.first_name, &other.last_name, other.birth_date)
        {
            Some(Column::LastName.field())
        } else if self.email.is_some() && self.email == other.email {
            Some(Column::Email.field())
        } else {
            None
        }
    }
}

/// Reads and checks a CSV file of athletes against the club's athletes (archived ones
/// included); `today` bounds birth dates. Every problem of the file is returned at once.
pub fn plan(
    csv: &str,
    existing: &[Athlete],
    today: NaiveDate,
) -> Result<AthleteImportPlan, Vec<AthleteImportProblem>> {
    let text = csv.strip_prefix('\u{feff}').unwrap_or(csv);
    if text.trim().is_empty() {
        return Err(vec![problem(1, "file", ImportIssue::Empty)]);
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(text))
        .flexible(true)
        .from_reader(text.as_bytes());
    let columns = match reader.headers() {
        Ok(header) => Columns::find(header),
        Err(_) => return Err(vec![problem(1, "file", ImportIssue::Unreadable)]),
    };
    let missing: Vec<AthleteImportProblem> = Column::ALL
        .iter()
        .filter(|c| c.required() && columns.index(**c).is_none())
        .map(|c| problem(1, c.field(), ImportIssue::MissingColumn))
        .collect();
    if !missing.is_empty() {
        return Err(missing);
    }
    let known: Vec<Identity> = existing.iter().map(Identity::of_athlete).collect();
    let mut seen: Vec<Identity> = Vec::new();
    let mut rows = Vec::new();
    let mut groups: Vec<String> = Vec::new();
    let mut problems = Vec::new();
    let mut count = 0;
    let mut lines = LineCounter::new(text);
    for (i, record) in reader.records().enumerate() {
        let line = record
            .as_ref()
            .ok()
            .and_then(|r| r.position())
            .and_then(|p| usize::try_from(p.byte()).ok())
            .map_or(i + 2, |byte| lines.at(byte));
        let Ok(record) = record else {
            problems.push(problem(line, "file", ImportIssue::Unreadable));
            continue;
        };
        // Spreadsheets export trailing rows of empty cells.
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        count += 1;
        if count > MAX_ROWS {
            problems.push(problem(line, "file", ImportIssue::TooManyRows { max: MAX_ROWS }));
            break;
        }
        // No column holds a line break: one here is a quote left open, swallowing what follows.
        if record.iter().any(|cell| cell.contains(['\n', '\r'])) {
            problems.push(problem(line, "file", ImportIssue::Unreadable));
            continue;
        }
        let get = |column: Column| columns.get(&record, column).to_owned();
        let input = AthleteInput {
            first_name: get(Column::FirstName),
            last_name: get(Column::LastName),
            birth_date: iso_date(&get(Column::BirthDate)),
            sex: sex_value(&get(Column::Sex)),
            licence: get(Column::Licence),
            notes: String::new(),
            email: get(Column::Email),
        };
        let mut row_problems = Vec::new();
        let draft = match AthleteDraft::parse(&input, today) {
            Ok(draft) => Some(draft),
            Err(errors) => {
                row_problems.extend(
                    errors
                        .into_iter()
                        .map(|e| problem(line, &e.field, ImportIssue::Field(e.problem))),
                );
                None
            }
        };
        let row_groups = row_groups(line, &get(Column::Groups), &mut row_problems);
        if let Some(draft) = &draft {
            let identity = Identity::of_draft(draft);
            match known
                .iter()
                .chain(&seen)
                .find_map(|other| identity.same_as(other))
            {
                Some(field) => row_problems.push(problem(line, field, ImportIssue::Duplicate)),
                None => seen.push(identity),
            }
        }
        match draft {
            Some(draft) if row_problems.is_empty() => {
                for name in &row_groups {
                    if !groups.iter().any(|g| fold(g) == fold(name)) {
                        groups.push(name.clone());
                    }
                }
                rows.push(AthleteImportRow {
                    line,
                    draft,
                    groups: row_groups,
                });
            }
            _ => problems.extend(row_problems),
        }
    }
    if count == 0 {
        problems.push(problem(1, "file", ImportIssue::Empty));
    }
    if problems.is_empty() {
        Ok(AthleteImportPlan { rows, groups })
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::competition::Sex;
    use crate::ids::AthleteId;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn member_of_the_club() -> Athlete {
        Athlete {
            id: AthleteId(1),
            member: None,
            first_name: "Zoé".into(),
            last_name: "Martin".into(),
            birth_date: Some(day(2008, 3, 14)),
            sex: Sex::Women,
            licence: None,
            notes: None,
            email: Some("zoe@club.fr".into()),
            archived: true,
            version: 1,
        }
    }

    /// The problems as `(line, field, issue)`, or nothing when the file was accepted.
    fn problems(csv: &str) -> Vec<(usize, String, ImportIssue)> {
        plan(csv, &[member_of_the_club()], today())
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|p| (p.line, p.field, p.problem))
            .collect()
    }

    fn one(line: usize, field: &str, issue: ImportIssue) -> Vec<(usize, String, ImportIssue)> {
        vec![(line, field.to_owned(), issue)]
    }

    #[test]
    fn an_english_file_with_commas_is_read() {
        let csv = "first_name,last_name,birth_date,sex,email,group,club_notes\n\
                   Léa,Petit,2008-03-14,women,Lea@Club.fr,Juniors;Équipe,ignored\n\
                   \n\
                   Tom,Arnaud,,men,,juniors|EQUIPE|U20,\n\
                   ,,,,,,\n";
        let plan = plan(csv, &[member_of_the_club()], today()).unwrap();
        assert_eq!(plan.groups, ["Juniors", "Équipe", "U20"]);
        let rows: Vec<(usize, &str, Option<NaiveDate>, Sex)> = plan
            .rows
            .iter()
            .map(|r| {
                (
                    r.line,
                    r.draft.first_name.as_str(),
                    r.draft.birth_date,
                    r.draft.sex,
                )
            })
            .collect();
        assert_eq!(
            rows,
            [
                (2, "Léa", Some(day(2008, 3, 14)), Sex::Women),
                (4, "Tom", None, Sex::Men),
            ]
        );
        assert_eq!(plan.rows[0].groups, ["Juniors", "Équipe"]);
        assert_eq!(plan.rows[1].groups, ["juniors", "EQUIPE", "U20"]);
        assert_eq!(
            plan.rows[0].draft.email.as_ref().map(|e| e.as_str()),
            Some("lea@club.fr")
        );
    }

    #[test]
    fn a_french_spreadsheet_export_is_read() {
        let csv = "\u{feff}Prénom;NOM;Date de naissance;Sexe;E-mail;Groupes;Licence\r\n\
                   Léa;Petit;14/03/2008;F;;Juniors;FFHM-1\r\n\
                   \"Jean-Marc\";\"Du Pont; fils\";1/2/1990;Homme;jm@club.fr;\"Masters;Loisir\";\r\n";
        let plan = plan(csv, &[], today()).unwrap();
        assert_eq!(plan.groups, ["Juniors", "Masters", "Loisir"]);
        let drafts: Vec<&AthleteDraft> = plan.rows.iter().map(|r| &r.draft).collect();
        assert_eq!(
            (drafts[0].birth_date, drafts[0].sex, drafts[0].licence.as_deref()),
            (Some(day(2008, 3, 14)), Sex::Women, Some("FFHM-1"))
        );
        assert_eq!(
            (drafts[1].last_name.as_str(), drafts[1].birth_date, drafts[1].sex),
            ("Du Pont; fils", Some(day(1990, 2, 1)), Sex::Men)
        );
        assert_eq!(plan.rows[1].line, 3);
    }

    #[test]
    fn field_problems_are_reported_by_line_and_field() {
        let long = "g".repeat(crate::athlete::GROUP_NAME_MAX + 1);
        let csv = format!(
            "prenom,nom,naissance,sexe,email,groupe\n\
             Léa,Petit,2008-03-14,f,,Juniors\n\
             ,Arnaud,31/02/2008,x,tom@,Juniors;{long}\n\
             Tom,Arnaud,2030-01-01,,,\n"
        );
        let field = |line, f: &str, p| (line, f.to_owned(), ImportIssue::Field(p));
        assert_eq!(
            problems(&csv),
            [
                field(3, "first_name", FieldProblem::Required),
                field(3, "birth_date", FieldProblem::InvalidDate),
                field(3, "sex", FieldProblem::InvalidChoice),
                field(3, "email", FieldProblem::InvalidEmail),
                field(
                    3,
                    "groups",
                    FieldProblem::TooLong {
                        max: crate::athlete::GROUP_NAME_MAX
                    }
                ),
                field(4, "birth_date", FieldProblem::FutureDate),
                field(4, "sex", FieldProblem::Required),
            ]
        );
    }

    #[test]
    fn missing_required_columns_are_reported_on_line_one() {
        assert_eq!(
            problems("Nom;Date de naissance;Email\nPetit;2008-03-14;\n"),
            [
                (1, "first_name".to_owned(), ImportIssue::MissingColumn),
                (1, "sex".to_owned(), ImportIssue::MissingColumn),
            ]
        );
    }

    #[test]
    fn an_athlete_twice_or_already_in_the_club_is_a_duplicate() {
        let csv = "first name,last name,birth date,sex,email\n\
                   ZOE,martin,2008-03-14,women,\n\
                   Léa,Petit,2008-03-14,women,zoe@club.fr\n\
                   Tom,Arnaud,,men,tom@club.fr\n\
                   tom,ARNAUD,,m,\n\
                   Thomas,Arnaud,2001-01-01,men,TOM@club.fr\n\
                   Zoé,Martin,2009-05-05,women,\n";
        assert_eq!(
            problems(csv),
            [
                (2, "last_name".to_owned(), ImportIssue::Duplicate),
                (3, "email".to_owned(), ImportIssue::Duplicate),
                (5, "last_name".to_owned(), ImportIssue::Duplicate),
                (6, "email".to_owned(), ImportIssue::Duplicate),
            ],
            "a namesake born another day is someone else"
        );
    }

    #[test]
    fn a_file_without_athletes_is_empty() {
        for csv in ["", "\u{feff}  \n", "prénom;nom;sexe\n", "prénom;nom;sexe\n;;\n"] {
            assert_eq!(problems(csv), one(1, "file", ImportIssue::Empty), "{csv:?}");
        }
    }

    #[test]
    fn a_file_over_the_limit_is_refused() {
        let mut csv = String::from("prénom,nom,sexe\n");
        for i in 0..=MAX_ROWS {
            csv.push_str(&format!("A{i},B{i},f\n"));
        }
        assert_eq!(
            problems(&csv),
            one(MAX_ROWS + 2, "file", ImportIssue::TooManyRows { max: MAX_ROWS })
        );
    }

    #[test]
    fn a_quote_left_open_is_unreadable() {
        let csv = "prénom,nom,sexe\n\
                   Léa,\"Petit,f\n\
                   Tom,Arnaud,h\n";
        assert_eq!(problems(csv), one(2, "file", ImportIssue::Unreadable));
    }

    #[test]
    fn problems_are_sent_as_data() {
        let sent = |issue: ImportIssue| serde_json::to_string(&problem(2, "sex", issue)).unwrap_or_default();
        assert_eq!(
            sent(ImportIssue::Field(FieldProblem::Required)),
            r#"{"line":2,"field":"sex","problem":{"Field":"Required"}}"#
        );
        assert_eq!(
            sent(ImportIssue::TooManyRows { max: 3 }),
            r#"{"line":2,"field":"sex","problem":{"TooManyRows":{"max":3}}}"#
        );
        assert_eq!(
            sent(ImportIssue::Duplicate),
            r#"{"line":2,"field":"sex","problem":"Duplicate"}"#
        );
    }
}
