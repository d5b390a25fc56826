//! The document properties the finishing pass writes (docProps/core.xml).

/// Document properties written to docProps/core.xml.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocProps {
    /// dc:title, e.g. the report title.
    pub title: String,
    /// dc:creator (plan.toml: the issuing unit).
    pub creator: String,
    /// cp:lastModifiedBy.
    pub last_modified_by: String,
    /// dcterms:created and dcterms:modified, read as UTC. Fixed by the caller (the
    /// report date, never "now") so that output is reproducible.
    pub created: chrono::NaiveDateTime,
}

impl DocProps {
    /// Properties with `last_modified_by` = `creator`, created at midnight of `date`.
    pub fn new(
        title: impl Into<String>,
        creator: impl Into<String>,
        date: chrono::NaiveDate,
    ) -> Self {
        let creator = creator.into();
        DocProps {
            title: title.into(),
            last_modified_by: creator.clone(),
            creator,
            created: date.and_time(chrono::NaiveTime::MIN),
        }
    }
}
