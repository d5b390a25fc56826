//! What ingest produces: records (one per data row, with provenance), skipped rows, and
//! problems. Nothing here knows about tasks beyond the raw 序号 and measure text.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::{FileEntry, Problem, Skip, Source, Status};

/// Which part of a return named its unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitFrom {
    /// The marker of our own checklist.
    Marker,
    /// A 填报单位 line above the header (or among the notes below the table).
    FiledCell,
    /// A unit column on the row.
    UnitColumn,
    /// A row of a lead unit's consolidated return (报送表): its marker names the unit
    /// that reported the row.
    MarkerRow,
    /// A row heading a group of rows of a consolidated return (二、来苏镇).
    Heading,
    /// The signature (落款) below a Word return's table.
    Signature,
    /// The sheet's title row.
    Title,
    /// The page header (a letterhead in a Word header, an xlsx print header).
    PageHeader,
    SheetName,
    FileName,
}

/// A record's long text (its progress, measure or note) read back from the returns
/// cache: checked as UTF-8 by SIMD. The standard check goes through a Chinese text
/// character by character, and was half of reading the cache back.
fn long_text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    struct Text;
    impl serde::de::Visitor<'_> for Text {
        type Value = String;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a text")
        }

        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<String, E> {
            Ok(v.to_string())
        }

        fn visit_string<E: serde::de::Error>(self, v: String) -> Result<String, E> {
            Ok(v)
        }

        fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<String, E> {
            simdutf8::basic::from_utf8(v)
                .map(str::to_string)
                .map_err(|_| E::invalid_value(serde::de::Unexpected::Bytes(v), &self))
        }
    }
    // A text is written as its bytes (postcard, JSON): read as bytes, checked here.
    d.deserialize_bytes(Text)
}

/// One data row of a return.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub source: Source,
    /// Canonical unit, when one was recognised.
    pub unit: Option<String>,
    pub unit_from: Option<UnitFrom>,
    #[serde(default, with = "crate::common::dates::compact")]
    pub filed_on: Option<NaiveDate>,
    /// `filed_on` is the first day of the month a file's name gives (区财政局12月进展): the
    /// return was filed some day of that month, not known which.
    #[serde(default)]
    pub filed_in_month: bool,
    /// The month (or day) the row reports on, when its table or its sheet says (a 月份
    /// column, a sheet named 11月): of one unit's reports on a task filed together, the
    /// latest period's stands.
    #[serde(default, with = "crate::common::dates::compact")]
    pub period: Option<NaiveDate>,
    /// The 序号 cell as written, and its number.
    pub id_text: String,
    pub id: Option<u32>,
    /// The measure (具体举措) text on the row, if the return copies it.
    #[serde(deserialize_with = "long_text")]
    pub measure_text: String,
    pub status: Status,
    pub status_text: String,
    #[serde(deserialize_with = "long_text")]
    pub progress: String,
    #[serde(default, with = "crate::common::dates::compact")]
    pub completed_on: Option<NaiveDate>,
    pub completed_text: String,
    #[serde(deserialize_with = "long_text")]
    pub note: String,
    pub evidence: String,
    /// The row's 完成时限 as written (the plan's, copied, or one the unit moved: an
    /// added 调整后完成时限 column's, when filled); empty when the table has none.
    #[serde(default)]
    pub deadline_text: String,
    /// The row is hidden on its sheet (rows hidden or filtered out of view).
    #[serde(default)]
    pub hidden: bool,
    /// The unit that sent the file, when the row is another unit's (a consolidated
    /// return): the report came through it.
    pub via: Option<String>,
}

impl Record {
    /// The last day the return can have been filed: `filed_on`, or the end of its month
    /// when the file's name gave a month alone (a completion within the month is no
    /// completion after filing: adv50 a 6).
    pub fn filed_by(&self) -> Option<NaiveDate> {
        let filed = self.filed_on?;
        if !self.filed_in_month {
            return Some(filed);
        }
        crate::common::dates::month_end(filed).or(Some(filed))
    }

    /// Whether the row's unit was named on the row itself (a consolidated return),
    /// not by the sheet as a whole.
    pub fn unit_from_row(&self) -> bool {
        matches!(
            self.unit_from,
            Some(UnitFrom::UnitColumn | UnitFrom::MarkerRow | UnitFrom::Heading)
        )
    }

    /// The content that matters for conflicts between two reports.
    pub fn content_key(&self) -> (Status, &str, &str, Option<NaiveDate>) {
        (
            self.status,
            self.status_text.trim(),
            self.progress.trim(),
            self.completed_on,
        )
    }
}

/// Everything ingest found in a folder (or one file: kept as it is by the parsed-returns
/// cache, `cache.rs`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Ingested {
    pub files: Vec<FileEntry>,
    pub records: Vec<Record>,
    pub skips: Vec<Skip>,
    pub problems: Vec<Problem>,
}

impl Ingested {
    /// Everything `part` found added after what this holds (a sheet's, a bundle
    /// member's, a sheet read again).
    pub fn append(&mut self, part: Ingested) {
        self.files.extend(part.files);
        self.records.extend(part.records);
        self.skips.extend(part.skips);
        self.problems.extend(part.problems);
    }
}

/// What ingest hands the merge: every file's entries, skips and problems gathered in
/// `rest` (its `records` empty), and the records in parts, in order (file by file). At
/// city scale the records are tens of MB: the merge moves each once into the ledger
/// instead of their being gathered into one list first (and split again).
#[derive(Debug, Default)]
pub struct IngestedParts {
    pub rest: Ingested,
    pub records: Vec<Vec<Record>>,
}

/// Records per part when one list is cut into parts (for the merge's threads).
const PART: usize = 512;

impl From<Ingested> for IngestedParts {
    fn from(mut all: Ingested) -> IngestedParts {
        let mut records = Vec::new();
        let mut rows = std::mem::take(&mut all.records).into_iter();
        loop {
            let part: Vec<Record> = rows.by_ref().take(PART).collect();
            if part.is_empty() {
                break;
            }
            records.push(part);
        }
        IngestedParts { rest: all, records }
    }
}

impl From<IngestedParts> for Ingested {
    fn from(parts: IngestedParts) -> Ingested {
        let mut all = parts.rest;
        all.records
            .reserve_exact(parts.records.iter().map(Vec::len).sum());
        for part in parts.records {
            all.records.extend(part);
        }
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Status;

    fn record(progress: &str) -> Record {
        Record {
            source: crate::model::Source {
                file: "区水利局.xlsx".into(),
                sheet: "Sheet1".into(),
                row: 4,
            },
            unit: Some("区水利局".into()),
            unit_from: None,
            filed_on: None,
            period: None,
            id_text: "5".into(),
            id: Some(5),
            measure_text: "开展河道“清四乱”专项行动\t（一）".into(),
            status: Status::InProgress,
            status_text: "正在推进".into(),
            progress: progress.into(),
            completed_on: None,
            completed_text: String::new(),
            note: "备注：\"引号\"\n第二行 🌊".into(),
            evidence: String::new(),
            deadline_text: String::new(),
            hidden: false,
            filed_in_month: false,
            via: None,
        }
    }

    #[test]
    fn long_texts_read_back_as_written_and_bytes_that_are_no_text_are_refused() {
        let r = record("已清理河道垃圾108吨，正在推进二期。AAAA");
        // The cache's encoding, and JSON.
        let bytes = postcard::to_allocvec(&r).unwrap();
        assert_eq!(postcard::from_bytes::<Record>(&bytes).unwrap(), r);
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(serde_json::from_str::<Record>(&json).unwrap(), r);
        // The progress's last four bytes made no UTF-8: refused, not read as text.
        let at = bytes
            .windows(4)
            .position(|w| w == b"AAAA")
            .expect("the text is in the encoding");
        let mut bad = bytes.clone();
        bad[at..at + 4].copy_from_slice(&[0xE6, 0xB8, 0xFF, 0xC0]);
        assert!(postcard::from_bytes::<Record>(&bad).is_err());
    }
}
