//! plan.toml: the plan's metadata.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanMeta {
    pub title: String,
    #[serde(default = "default_short_title")]
    pub short_title: String,
    pub doc_number: String,
    pub issuer: String,
    pub issued_on: NaiveDate,
    pub plan_id: String,
    pub collector: String,
    pub collector_full: String,
    pub addressee: String,
    pub as_of: NaiveDate,
    pub report_date: NaiveDate,
    pub return_deadline: NaiveDate,
    /// In a lead unit's round (`--as`), the date its partners report to it by (default:
    /// three days before `return_deadline`, a weekend moved back to the Friday).
    #[serde(default)]
    pub partner_deadline: Option<NaiveDate>,
    /// The date printed on the checklist notices sent to the units (default: as_of).
    #[serde(default)]
    pub notice_date: Option<NaiveDate>,
    /// A task not completed and due within this many days of as_of gets a 黄灯.
    #[serde(default = "default_warning_days")]
    pub warning_days: u32,
    pub contact: Contact,
    /// How returns reach the collector: through the lead units (the notice's chain,
    /// as the shipped plan.toml says) or every unit straight to the collector (when
    /// plan.toml does not say: how plans written before the chain keep working).
    #[serde(default)]
    pub reporting: Reporting,
    #[serde(default)]
    pub fonts: FontSettings,
    /// Guards for reading returns; every field optional in plan.toml.
    #[serde(default)]
    pub limits: Limits,
    /// 版头 (red 发文机关标志, 发文字号, 签发人, red line): printed only when `print = true`.
    #[serde(default)]
    pub masthead: Option<Masthead>,
    /// 版记 (抄送, 印发机关, 印发日期): printed when the table is present.
    #[serde(default)]
    pub imprint: Option<Imprint>,
}

/// plan.toml `[masthead]`: the 版头 of GB/T 9704 7.2. Off by default: offices print the
/// report on letterhead paper that carries it already.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Masthead {
    /// Print the 版头.
    #[serde(default)]
    pub print: bool,
    /// 发文机关标志; default collector_full + 文件.
    #[serde(default)]
    pub mark: Option<String>,
    /// 发文字号, e.g. 永环文〔2020〕86号.
    #[serde(default)]
    pub doc_number: String,
    /// 签发人: given for an upward document (上行文), which moves the mark down to 80 mm
    /// and puts 发文字号 left and 签发人 right.
    #[serde(default)]
    pub signer: Option<String>,
}

/// plan.toml `[imprint]`: the 版记 of GB/T 9704 7.4.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Imprint {
    /// 抄送机关, in order.
    #[serde(default)]
    pub cc: Vec<String>,
    /// 印发机关; default the collector's office (collector_full + 办公室).
    #[serde(default)]
    pub printer: Option<String>,
    /// 印发日期; default report_date.
    #[serde(default)]
    pub print_date: Option<NaiveDate>,
}

fn default_warning_days() -> u32 {
    30
}

/// plan.toml `reporting`: who the collector expects returns from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Reporting {
    /// 由各牵头单位汇总报送: the collector expects a return from each lead unit for its
    /// tasks (from the responsible units where a task has no lead); cooperating and
    /// responsible units under a lead report to their lead, and are not chased.
    Lead,
    /// Every unit reports its own tasks straight to the collector.
    #[default]
    Direct,
}

fn default_short_title() -> String {
    "整改方案".into()
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub name: String,
    pub phone: String,
    #[serde(default)]
    pub email: String,
}

/// Font names for the documents: a preset, each name overridable.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FontSettings {
    #[serde(default)]
    pub preset: FontPreset,
    pub title: Option<String>,
    pub body: Option<String>,
    pub heading1: Option<String>,
    pub heading2: Option<String>,
    pub latin: Option<String>,
    pub page_number: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FontPreset {
    #[default]
    Gb2312,
    Gbk,
}

/// The resolved font names a document uses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fonts {
    pub title: String,
    pub body: String,
    pub heading1: String,
    pub heading2: String,
    pub latin: String,
    pub page_number: String,
}

impl FontSettings {
    pub fn resolve(&self) -> Fonts {
        let (title, body, h1, h2) = match self.preset {
            FontPreset::Gb2312 => ("方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312"),
            FontPreset::Gbk => (
                "方正小标宋_GBK",
                "方正仿宋_GBK",
                "方正黑体_GBK",
                "方正楷体_GBK",
            ),
        };
        let pick = |o: &Option<String>, d: &str| o.clone().unwrap_or_else(|| d.to_string());
        Fonts {
            title: pick(&self.title, title),
            body: pick(&self.body, body),
            heading1: pick(&self.heading1, h1),
            heading2: pick(&self.heading2, h2),
            latin: pick(&self.latin, "Times New Roman"),
            page_number: pick(&self.page_number, "宋体"),
        }
    }
}

/// Resource limits for reading one file. All checked before the expensive step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Limits {
    /// Largest file accepted, in bytes (checked from metadata before reading).
    pub max_file_bytes: u64,
    /// Most entries in a zip container (xlsx, xlsb, ods).
    pub max_zip_entries: usize,
    /// Total inflated size of all zip entries, in bytes (declared and actual).
    pub max_uncompressed_bytes: u64,
    /// Largest inflated/compressed ratio of one entry; applied only to entries
    /// that inflate to more than 1 MiB. 500: the largest honest ratio in 4,500 test
    /// spreadsheets of other projects is 139:1 (a sheet of repeated long texts); a
    /// deflate bomb reaches about 1,000:1, and `max_uncompressed_bytes` bounds the
    /// total whatever the ratio (docs/corpus.md).
    pub max_compression_ratio: u64,
    /// Most cells in one sheet, counted as rows × columns of the extent of the
    /// non-empty cells measured from A1 (the shape the grid takes).
    pub max_cells_per_sheet: u64,
    /// Longest a legacy Word document (.doc, .wps) may take to convert to .docx with
    /// LibreOffice, in seconds; the conversion is stopped after it.
    pub max_convert_seconds: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 50 * 1024 * 1024,
            max_zip_entries: 5000,
            max_uncompressed_bytes: 256 * 1024 * 1024,
            max_compression_ratio: 500,
            max_cells_per_sheet: 2_000_000,
            max_convert_seconds: 60,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_and_overrides() {
        let mut f = FontSettings::default();
        assert_eq!(f.resolve().body, "仿宋_GB2312");
        f.preset = FontPreset::Gbk;
        assert_eq!(f.resolve().title, "方正小标宋_GBK");
        f.body = Some("仿宋".into());
        assert_eq!(f.resolve().body, "仿宋");
    }
}
