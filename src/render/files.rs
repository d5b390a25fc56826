//! Every name an output is written under, relative to the output folder: the one place
//! output file and folder names live.

/// The ledger, as JSON (docs/ledger.md).
pub const LEDGER_JSON: &str = "ledger.json";
/// The summary workbook.
pub const WORKBOOK_XLSX: &str = "整改台账汇总表.xlsx";
/// The consolidated report.
pub const REPORT_DOCX: &str = "整改情况报告.docx";
/// The folder of the units' checklists (a form and a notice per unit).
pub const CHECKLISTS_DIR: &str = "checklists";
/// The folder of the reminders and the list of units that still owe reports.
pub const REMINDERS_DIR: &str = "reminders";
/// The list of units that still owe reports, in [`REMINDERS_DIR`].
pub const REMINDER_LIST_DOCX: &str = "未报送单位清单.docx";

/// A lead unit's consolidated return: `报送表-<单位>.xlsx` (`rectify --as 单位 run`).
pub fn consolidated_file(unit: &str) -> String {
    format!("报送表-{}.xlsx", file_stem(unit))
}

/// A path in a folder of the output folder: `checklists/区水利局.xlsx`.
pub fn in_dir(dir: &str, file: &str) -> String {
    format!("{dir}/{file}")
}

/// A unit's checklist files: (`<单位>.xlsx`, `<单位>.docx`), in [`CHECKLISTS_DIR`].
pub fn checklist_files(unit: &str) -> (String, String) {
    let stem = file_stem(unit);
    (format!("{stem}.xlsx"), format!("{stem}.docx"))
}

/// A unit's reminder: `催报通知-<单位>.docx`, in [`REMINDERS_DIR`].
pub fn reminder_file(unit: &str) -> String {
    format!("催报通知-{}.docx", file_stem(unit))
}

/// A unit name as a file name: [`clean_file_name`], never empty.
pub fn file_stem(name: &str) -> String {
    let s = clean_file_name(name);
    if s.is_empty() {
        "_".to_string()
    } else {
        s
    }
}

/// A name made safe as a file name: the characters Windows and other systems refuse
/// (`/ \ : * ? " < > |` and control characters) become `_`, and leading or trailing
/// dots and spaces go (no hidden file, no `..`). May be empty.
pub fn clean_file_name(name: &str) -> String {
    let s: String = crate::common::text::sanitize(name)
        .chars()
        .map(|c| {
            if "/\\:*?\"<>|".contains(c) || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    s.trim_matches(|c: char| c == '.' || c.is_whitespace())
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_file_names() {
        assert_eq!(checklist_files("区水利局").0, "区水利局.xlsx");
        assert_eq!(reminder_file("a/b:c"), "催报通知-a_b_c.docx");
        assert_eq!(file_stem(" .. "), "_");
        assert_eq!(in_dir(CHECKLISTS_DIR, "x.xlsx"), "checklists/x.xlsx");
    }
}
