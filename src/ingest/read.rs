//! One file on disk -> in-memory grids, safely, or a classified error.
//!
//! Order of work: size from metadata, read the bytes once, sniff the format
//! from the bytes, run the guards that need no parser (zip directory and an
//! inflate pass bounded by `take`; ODS repeat pre-scan), then parse from
//! memory with calamine. Sheets are collected sparsely where calamine offers a
//! cell reader (xlsx, xlsb) and the sheet's extent is checked before the dense
//! grid is built. The whole parse runs under `catch_unwind`.

use std::fmt;
use std::io::{self, BufReader, Cursor, Read};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use calamine::{
    Data, DataRef, Dimensions, ExcelDateTime, Ods, Range, Reader, SheetType, SheetVisible, Xls,
    XlsError, Xlsb, XlsbError, Xlsx, XlsxError,
};
use chrono::NaiveDate;

use crate::ingest::csv_read;
use crate::ingest::grid::{Cell, Grid, Limits, Merge};
use crate::ingest::sniff::{self, Format};
use crate::ingest::xlsx_merges::SheetParts;

/// What went wrong, for the caller to decide how to report it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadErrorKind {
    Empty,
    NotSpreadsheet,
    Encrypted,
    Corrupt,
    TooLarge,
    Io,
    Panic,
}

/// A classified read failure. `message` is Chinese and says what is wrong and
/// what the unit should do.
#[derive(Debug, Clone)]
pub struct ReadError {
    pub kind: ReadErrorKind,
    pub message: String,
    /// The sheet concerned, when one sheet is the cause.
    pub sheet: Option<String>,
}

impl ReadError {
    pub fn new(kind: ReadErrorKind, message: impl Into<String>) -> Self {
        ReadError {
            kind,
            message: message.into(),
            sheet: None,
        }
    }

    pub fn with_sheet(mut self, sheet: impl Into<String>) -> Self {
        self.sheet = Some(sheet.into());
        self
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.sheet {
            Some(s) => write!(f, "工作表“{s}”：{}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for ReadError {}

/// The grids of one file.
#[derive(Debug, Clone)]
pub struct ReadOutput {
    pub format: Format,
    pub grids: Vec<Grid>,
    /// Chinese notes for the reader of the log (e.g. a chart sheet skipped).
    pub notes: Vec<String>,
    /// Workbook defined names (name, formula text), where the format has them.
    pub defined_names: Vec<(String, String)>,
}

const MIB: u64 = 1024 * 1024;

/// Read one file into grids. Never panics out; every failure is classified.
pub fn read_file(path: &Path, limits: &Limits) -> Result<ReadOutput, ReadError> {
    let meta = std::fs::metadata(path).map_err(io_error)?;
    if !meta.is_file() {
        return Err(ReadError::new(
            ReadErrorKind::Io,
            "这不是一个文件（可能是文件夹），无法读取。请报送表格文件本身。",
        ));
    }
    if meta.len() > limits.max_file_bytes {
        return Err(file_too_large(meta.len(), limits));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path)
        .and_then(|f| f.take(limits.max_file_bytes + 1).read_to_end(&mut bytes))
        .map_err(io_error)?;
    if bytes.len() as u64 > limits.max_file_bytes {
        // The file grew between metadata and read.
        return Err(file_too_large(bytes.len() as u64, limits));
    }
    match catch_unwind(AssertUnwindSafe(|| read_bytes(path, &bytes, limits))) {
        Ok(result) => result,
        Err(_) => Err(ReadError::new(
            ReadErrorKind::Panic,
            "读取文件时程序内部出错（文件内容可能异常）。请用Excel打开后另存为新的.xlsx文件再报送；如仍不行请联系汇总人员。",
        )),
    }
}

/// Sniff, guard and parse bytes already in memory. `path` gives the CSV
/// grid name and is used by `sniff` only as a fallback.
pub fn read_bytes(path: &Path, bytes: &[u8], limits: &Limits) -> Result<ReadOutput, ReadError> {
    let format = sniff::sniff_with_limits(path, bytes, limits)?;
    let mut notes = Vec::new();
    let mut names = Vec::new();
    let grids = match format {
        Format::Csv => vec![csv_read::read_csv_bytes(
            bytes,
            &csv_read::grid_name(path),
            limits,
        )?],
        Format::Xlsx => {
            guard_zip(bytes, limits)?;
            read_xlsx(bytes, limits, &mut notes, &mut names)?
        }
        Format::Xlsb => {
            guard_zip(bytes, limits)?;
            read_xlsb(bytes, limits, &mut notes)?
        }
        Format::Ods => {
            guard_zip(bytes, limits)?;
            guard_ods(bytes, limits)?;
            read_ods(bytes, limits, &mut notes, &mut names)?
        }
        Format::Xls => read_xls(bytes, limits, &mut notes)?,
    };
    Ok(ReadOutput {
        format,
        grids,
        notes,
        defined_names: names,
    })
}

// ---------------------------------------------------------------- errors

fn io_error(e: io::Error) -> ReadError {
    let msg = match e.kind() {
        io::ErrorKind::NotFound => "找不到该文件，可能已被移动或删除。请重新报送。".to_string(),
        io::ErrorKind::PermissionDenied => {
            "没有权限读取该文件。请检查文件权限或重新复制一份后报送。".to_string()
        }
        _ => format!("读取文件时出错（{e}）。请重新复制或下载该文件后再试。"),
    };
    ReadError::new(ReadErrorKind::Io, msg)
}

fn file_too_large(len: u64, limits: &Limits) -> ReadError {
    ReadError::new(
        ReadErrorKind::TooLarge,
        format!(
            "文件太大（{:.1} MB，上限 {:.0} MB），不予读取。请删除与报送无关的工作表、图片等内容后重新报送。",
            len as f64 / MIB as f64,
            limits.max_file_bytes as f64 / MIB as f64
        ),
    )
}

fn zip_too_large(what: String) -> ReadError {
    ReadError::new(
        ReadErrorKind::TooLarge,
        format!("文件解压后内容过大或结构异常（{what}），为安全起见不予读取。请用Excel打开后另存为新的.xlsx文件，删除无关内容后重新报送。"),
    )
}

fn sheet_too_large(sheet: &str, rows: u64, cols: u64, limits: &Limits) -> ReadError {
    ReadError::new(
        ReadErrorKind::TooLarge,
        format!(
            "工作表“{sheet}”的内容范围过大（{rows}行×{cols}列，超过{}个单元格的上限），通常是远处有多余的内容或格式。请删除该表中多余的行列（或把数据复制到新表）后重新报送。",
            limits.max_cells_per_sheet
        ),
    )
    .with_sheet(sheet)
}

fn encrypted() -> ReadError {
    ReadError::new(
        ReadErrorKind::Encrypted,
        "文件已加密（设置了打开密码），无法读取。请取消密码后重新报送。",
    )
}

fn sheet_corrupt(sheet: &str) -> ReadError {
    ReadError::new(
        ReadErrorKind::Corrupt,
        format!("工作表“{sheet}”已损坏，无法读取。请用Excel打开确认无误后重新保存，再报送。"),
    )
    .with_sheet(sheet)
}

fn xlsx_error(e: XlsxError) -> ReadError {
    match e {
        XlsxError::Password => encrypted(),
        _ => sniff::corrupt(),
    }
}

fn xlsb_error(e: XlsbError) -> ReadError {
    match e {
        XlsbError::Password => encrypted(),
        _ => sniff::corrupt(),
    }
}

fn xls_error(e: XlsError) -> ReadError {
    match e {
        XlsError::Password => encrypted(),
        _ => sniff::corrupt(),
    }
}

// ---------------------------------------------------------------- zip guard

/// Guards on a zip container before calamine opens it: entry count, sum of
/// declared sizes, per-entry declared ratio.
fn guard_zip(bytes: &[u8], limits: &Limits) -> Result<(), ReadError> {
    if let Some(n) = sniff::zip_declared_entries(bytes) {
        if n > limits.max_zip_entries as u64 {
            return Err(sniff::too_many_entries(n, limits.max_zip_entries));
        }
    }
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| sniff::corrupt())?;
    if archive.len() > limits.max_zip_entries {
        return Err(sniff::too_many_entries(
            archive.len() as u64,
            limits.max_zip_entries,
        ));
    }
    let mut declared_total: u64 = 0;
    let mut sizes = Vec::with_capacity(archive.len());
    for i in 0..archive.len() {
        let f = archive.by_index_raw(i).map_err(|_| sniff::corrupt())?;
        let size = f.size();
        let packed = f.compressed_size();
        let name = f.name().map(|n| n.to_string()).unwrap_or_default();
        declared_total = declared_total.saturating_add(size);
        if declared_total > limits.max_uncompressed_bytes {
            return Err(zip_too_large(format!(
                "解压后超过{} MB",
                limits.max_uncompressed_bytes / MIB
            )));
        }
        check_ratio(&name, size, packed, limits)?;
        sizes.push((size, packed, name));
    }
    // No second inflate pass: the zip crate (the one calamine reads with) never yields
    // more than an entry's declared size — a lying header ends in a CRC error, which
    // calamine reports and we classify as corrupt (read_files.rs
    // `zip_bomb_with_lying_sizes_is_refused_quickly`). So the declared sizes checked
    // above bound what calamine can inflate, and each entry is inflated once.
    Ok(())
}

fn check_ratio(name: &str, size: u64, packed: u64, limits: &Limits) -> Result<(), ReadError> {
    if size > MIB && size / packed.max(1) > limits.max_compression_ratio {
        return Err(zip_too_large(format!(
            "部件“{name}”压缩比{}:1，超过上限{}:1",
            size / packed.max(1),
            limits.max_compression_ratio
        )));
    }
    Ok(())
}

// ---------------------------------------------------------------- cells

fn parse_iso_date(s: &str) -> Option<Cell> {
    let s = s.trim();
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some(Cell::Date(d));
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
    ] {
        if let Ok(dt) = chrono::NaiveDateTime::parse_from_str(s, fmt) {
            return Some(datetime_cell(dt));
        }
    }
    None
}

fn datetime_cell(dt: chrono::NaiveDateTime) -> Cell {
    if dt.time() == chrono::NaiveTime::MIN {
        Cell::Date(dt.date())
    } else {
        Cell::DateTime(dt)
    }
}

fn excel_datetime(d: &ExcelDateTime) -> Cell {
    if d.is_duration() {
        return Cell::Number(d.as_f64());
    }
    match d.as_datetime() {
        Some(dt) => datetime_cell(dt),
        None => Cell::Number(d.as_f64()),
    }
}

fn text_cell(s: &str) -> Cell {
    if s.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(s.to_string())
    }
}

fn from_data(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::String(s) => text_cell(s),
        Data::Float(f) => Cell::Number(*f),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => excel_datetime(dt),
        Data::DateTimeIso(s) => parse_iso_date(s).unwrap_or_else(|| text_cell(s)),
        Data::DurationIso(s) => text_cell(s),
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}

fn from_data_ref(d: &DataRef<'_>) -> Cell {
    match d {
        DataRef::Empty => Cell::Empty,
        DataRef::String(s) => text_cell(s),
        DataRef::SharedString(s) => text_cell(s),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(dt) => excel_datetime(dt),
        DataRef::DateTimeIso(s) => parse_iso_date(s).unwrap_or_else(|| text_cell(s)),
        DataRef::DurationIso(s) => text_cell(s),
        DataRef::Error(e) => Cell::Error(e.to_string()),
    }
}

/// Non-empty cells of one sheet, collected sparsely, with their extent.
struct Sparse {
    cells: Vec<(u32, u32, Cell)>,
    max_row: u32,
    max_col: u32,
}

impl Sparse {
    fn new() -> Self {
        Sparse {
            cells: Vec::new(),
            max_row: 0,
            max_col: 0,
        }
    }

    /// Add a cell; refuses once more cells than the cap were seen (a sheet
    /// XML can repeat positions, so the count is capped separately).
    fn push(
        &mut self,
        sheet: &str,
        r: u32,
        c: u32,
        cell: Cell,
        limits: &Limits,
    ) -> Result<(), ReadError> {
        if matches!(cell, Cell::Empty) {
            return Ok(());
        }
        if self.cells.len() as u64 >= limits.max_cells_per_sheet {
            return Err(ReadError::new(
                ReadErrorKind::TooLarge,
                format!(
                    "工作表“{sheet}”的单元格过多（超过{}个），无法读取。请删除与报送无关的内容后重新报送。",
                    limits.max_cells_per_sheet
                ),
            )
            .with_sheet(sheet));
        }
        self.max_row = self.max_row.max(r);
        self.max_col = self.max_col.max(c);
        self.cells.push((r, c, cell));
        Ok(())
    }

    /// Check the extent from A1 against the cap, then build the ragged grid.
    fn into_rows(self, sheet: &str, limits: &Limits) -> Result<Vec<Vec<Cell>>, ReadError> {
        if self.cells.is_empty() {
            return Ok(Vec::new());
        }
        check_extent(sheet, self.max_row, self.max_col, limits)?;
        let mut rows: Vec<Vec<Cell>> = vec![Vec::new(); self.max_row as usize + 1];
        for (r, c, cell) in self.cells {
            let row = &mut rows[r as usize];
            let c = c as usize;
            if row.len() <= c {
                row.resize(c + 1, Cell::Empty);
            }
            row[c] = cell;
        }
        Ok(rows)
    }
}

/// Refuse a sheet whose extent from A1 (rows × columns) exceeds the cap.
fn check_extent(sheet: &str, max_row: u32, max_col: u32, limits: &Limits) -> Result<(), ReadError> {
    let rows = max_row as u64 + 1;
    let cols = max_col as u64 + 1;
    if rows.saturating_mul(cols) > limits.max_cells_per_sheet {
        return Err(sheet_too_large(sheet, rows, cols, limits));
    }
    Ok(())
}

/// A calamine dense range (absolute start) -> ragged rows from A1.
fn range_to_rows(
    sheet: &str,
    range: &Range<Data>,
    limits: &Limits,
) -> Result<Vec<Vec<Cell>>, ReadError> {
    let (Some(start), Some(_)) = (range.start(), range.end()) else {
        return Ok(Vec::new());
    };
    let mut sparse = Sparse::new();
    for (r, c, d) in range.used_cells() {
        sparse.push(
            sheet,
            start.0 + r as u32,
            start.1 + c as u32,
            from_data(d),
            limits,
        )?;
    }
    sparse.into_rows(sheet, limits)
}

fn merges_from(dims: &[Dimensions]) -> Vec<Merge> {
    dims.iter()
        .map(|d| Merge {
            first_row: d.start.0,
            first_col: d.start.1,
            last_row: d.end.0,
            last_col: d.end.1,
        })
        .collect()
}

fn skip_note(sheet: &calamine::Sheet) -> Option<String> {
    match sheet.typ {
        SheetType::WorkSheet => None,
        SheetType::ChartSheet => Some(format!("已跳过图表页“{}”（不含数据）。", sheet.name)),
        _ => Some(format!(
            "已跳过非普通工作表“{}”（宏表或对话框表）。",
            sheet.name
        )),
    }
}

// ---------------------------------------------------------------- formats

/// A sheet's rows from one of calamine's streaming cell readers (xlsx and xlsb share no
/// trait; `next` is the reader's `next_cell`), through the cell cap.
fn sheet_rows<'a, E>(
    name: &str,
    limits: &Limits,
    mut next: impl FnMut() -> Result<Option<calamine::Cell<DataRef<'a>>>, E>,
) -> Result<Vec<Vec<Cell>>, ReadError> {
    let mut sparse = Sparse::new();
    while let Some(cell) = next().map_err(|_| sheet_corrupt(name))? {
        let (r, c) = cell.get_position();
        sparse.push(name, r, c, from_data_ref(cell.get_value()), limits)?;
    }
    sparse.into_rows(name, limits)
}

fn read_xlsx(
    bytes: &[u8],
    limits: &Limits,
    notes: &mut Vec<String>,
    names: &mut Vec<(String, String)>,
) -> Result<Vec<Grid>, ReadError> {
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(xlsx_error)?;
    names.extend(wb.defined_names().iter().cloned());
    let sheets = wb.sheets_metadata().to_vec();
    let mut parts = SheetParts::open(bytes);
    let mut grids = Vec::new();
    for sheet in &sheets {
        if let Some(note) = skip_note(sheet) {
            notes.push(note);
            continue;
        }
        let name = &sheet.name;
        let rows = {
            let mut reader = wb
                .worksheet_cells_reader(name)
                .map_err(|_| sheet_corrupt(name))?;
            sheet_rows(name, limits, || reader.next_cell())?
        };
        // The <mergeCells> element alone; calamine (a second parse of the whole sheet)
        // when that does not read.
        let ours = parts.as_mut().and_then(|p| p.merges(name));
        let merges = match ours {
            Some(m) => Ok(m),
            None => wb.merge_cells_by_sheet_name(name).map(|d| merges_from(&d)),
        }
        .unwrap_or_else(|_| {
            notes.push(format!(
                "工作表“{name}”的合并单元格信息无法读取，已按未合并处理。"
            ));
            Vec::new()
        });
        grids.push(Grid {
            name: name.clone(),
            rows,
            merges,
            hidden: sheet.visible != SheetVisible::Visible,
        });
    }
    Ok(grids)
}

fn read_xlsb(
    bytes: &[u8],
    limits: &Limits,
    notes: &mut Vec<String>,
) -> Result<Vec<Grid>, ReadError> {
    let mut wb: Xlsb<_> = Xlsb::new(Cursor::new(bytes)).map_err(xlsb_error)?;
    let sheets = wb.sheets_metadata().to_vec();
    let mut grids = Vec::new();
    for sheet in &sheets {
        if let Some(note) = skip_note(sheet) {
            notes.push(note);
            continue;
        }
        let name = &sheet.name;
        let rows = {
            let mut reader = wb
                .worksheet_cells_reader(name)
                .map_err(|_| sheet_corrupt(name))?;
            sheet_rows(name, limits, || reader.next_cell())?
        };
        grids.push(Grid {
            name: name.clone(),
            rows,
            merges: Vec::new(), // calamine gives no merges for xlsb
            hidden: sheet.visible != SheetVisible::Visible,
        });
    }
    Ok(grids)
}

/// xls: calamine parses every sheet into a dense range when the workbook is
/// opened, so there is no sparse path. The extent is checked before our own
/// grid is built; what calamine allocated first is bounded by the BIFF8 sheet
/// size (65,536 × 256 cells) — see the module report.
fn read_xls(
    bytes: &[u8],
    limits: &Limits,
    notes: &mut Vec<String>,
) -> Result<Vec<Grid>, ReadError> {
    // calamine builds each sheet densely as the workbook opens: check the extent of the
    // cell records first (see biff.rs).
    if let Some(scan) = super::biff::scan(bytes) {
        let cells = scan.max_cells;
        if let Some((id, len)) = scan.short_record {
            return Err(ReadError::new(
                ReadErrorKind::Corrupt,
                format!(
                    "文件已损坏（内部记录0x{id:04X}异常，{len}字节），无法读取。请重新导出或另存为.xlsx后重新报送。"
                ),
            ));
        }
        if cells > limits.max_cells_per_sheet {
            return Err(ReadError::new(
                ReadErrorKind::TooLarge,
                format!(
                    "表格范围过大（约{cells}个单元格，上限{}个），无法读取。请删除无关的行列或另存为.xlsx后重新报送。",
                    limits.max_cells_per_sheet
                ),
            ));
        }
    }
    let mut wb: Xls<_> = Xls::new(Cursor::new(bytes)).map_err(xls_error)?;
    let sheets = wb.sheets_metadata().to_vec();
    let mut grids = Vec::new();
    for sheet in &sheets {
        if let Some(note) = skip_note(sheet) {
            notes.push(note);
            continue;
        }
        let name = &sheet.name;
        let range = wb.worksheet_range(name).map_err(|_| sheet_corrupt(name))?;
        let rows = range_to_rows(name, &range, limits)?;
        drop(range);
        let merges = wb
            .merge_cells_by_sheet_name(name)
            .map(|d| merges_from(&d))
            .unwrap_or_default();
        grids.push(Grid {
            name: name.clone(),
            rows,
            merges,
            hidden: sheet.visible != SheetVisible::Visible,
        });
    }
    Ok(grids)
}

fn read_ods(
    bytes: &[u8],
    limits: &Limits,
    notes: &mut Vec<String>,
    names: &mut Vec<(String, String)>,
) -> Result<Vec<Grid>, ReadError> {
    let mut wb: Ods<_> = Ods::new(Cursor::new(bytes)).map_err(|e| match e {
        calamine::OdsError::Password => encrypted(),
        _ => sniff::corrupt(),
    })?;
    names.extend(wb.defined_names().iter().cloned());
    let sheets = wb.sheets_metadata().to_vec();
    let mut grids = Vec::new();
    for sheet in &sheets {
        if let Some(note) = skip_note(sheet) {
            notes.push(note);
            continue;
        }
        let name = &sheet.name;
        let range = wb.worksheet_range(name).map_err(|_| sheet_corrupt(name))?;
        let rows = range_to_rows(name, &range, limits)?;
        grids.push(Grid {
            name: name.clone(),
            rows,
            merges: Vec::new(), // calamine gives no merges for ODS
            hidden: sheet.visible != SheetVisible::Visible,
        });
    }
    Ok(grids)
}

// ---------------------------------------------------------------- ODS pre-scan

/// calamine expands ODS `number-rows-repeated` / `number-columns-repeated`
/// of non-empty cells into a dense range (its own cap is 100 million cells,
/// about 3 GB). Stream content.xml once (through `take`, bounded by the zip
/// budget) and compute each table's extent of non-empty cells, repeats
/// included, before calamine parses it.
fn guard_ods(bytes: &[u8], limits: &Limits) -> Result<(), ReadError> {
    use quick_xml::events::{BytesStart, Event};

    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| sniff::corrupt())?;
    let content = archive
        .by_name("content.xml")
        .map_err(|_| sniff::corrupt())?;
    let limited = content.take(limits.max_uncompressed_bytes);
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(limited));

    fn attr_u64(e: &BytesStart<'_>, key: &str) -> u64 {
        e.attributes()
            .flatten()
            .find(|a| a.key.as_ref() == key)
            .and_then(|a| a.value.trim().parse().ok())
            .unwrap_or(1)
            .max(1)
    }
    fn attr_string(e: &BytesStart<'_>, key: &str) -> String {
        e.attributes()
            .flatten()
            .find(|a| a.key.as_ref() == key)
            .map(|a| a.value.to_string())
            .unwrap_or_default()
    }
    const VALUE_ATTRS: [&str; 7] = [
        "office:value-type",
        "office:value",
        "office:string-value",
        "office:date-value",
        "office:time-value",
        "office:boolean-value",
        "table:formula",
    ];
    fn has_value(e: &BytesStart<'_>) -> bool {
        e.attributes()
            .flatten()
            .any(|a| VALUE_ATTRS.contains(&a.key.as_ref()))
    }

    struct Scan {
        name: String,
        row: u64,
        max_row: Option<u64>,
        max_col: u64,
        row_repeat: u64,
        col: u64,
        row_max_col: Option<u64>,
    }
    let check = |s: &Scan| -> Result<(), ReadError> {
        if let Some(max_row) = s.max_row {
            let rows = max_row.saturating_add(1);
            let cols = s.max_col.saturating_add(1);
            if rows.saturating_mul(cols) > limits.max_cells_per_sheet {
                return Err(sheet_too_large(&s.name, rows, cols, limits));
            }
        }
        Ok(())
    };

    let mut scan: Option<Scan> = None;
    let mut depth_in_cell = 0u32; // nested tables inside cells are not scanned
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let ev = xml
            .read_event_into(&mut buf)
            .map_err(|_| sniff::corrupt())?;
        let (e, is_empty) = match &ev {
            Event::Start(e) => (Some(e), false),
            Event::Empty(e) => (Some(e), true),
            Event::Eof => break,
            _ => (None, false),
        };
        if let Some(e) = e {
            let name = e.name();
            let name = name.as_ref();
            if depth_in_cell > 0 {
                if !is_empty {
                    depth_in_cell += 1;
                }
                continue;
            }
            match name {
                "table:table" if !is_empty => {
                    scan = Some(Scan {
                        name: attr_string(e, "table:name"),
                        row: 0,
                        max_row: None,
                        max_col: 0,
                        row_repeat: 1,
                        col: 0,
                        row_max_col: None,
                    });
                }
                "table:table-row" => {
                    if let Some(s) = scan.as_mut() {
                        let rep = attr_u64(e, "table:number-rows-repeated");
                        if is_empty {
                            s.row = s.row.saturating_add(rep);
                        } else {
                            s.row_repeat = rep;
                            s.col = 0;
                            s.row_max_col = None;
                        }
                    }
                }
                "table:table-cell" | "table:covered-table-cell" => {
                    if let Some(s) = scan.as_mut() {
                        let rep = attr_u64(e, "table:number-columns-repeated");
                        if has_value(e) {
                            let last = s.col.saturating_add(rep - 1);
                            s.row_max_col = Some(s.row_max_col.map_or(last, |m| m.max(last)));
                        }
                        s.col = s.col.saturating_add(rep);
                        if !is_empty {
                            depth_in_cell = 1;
                        }
                    }
                }
                _ => {}
            }
            continue;
        }
        if let Event::End(e) = &ev {
            if depth_in_cell > 0 {
                depth_in_cell -= 1;
                continue;
            }
            match e.name().as_ref() {
                "table:table-row" => {
                    if let Some(s) = scan.as_mut() {
                        if let Some(mc) = s.row_max_col {
                            s.max_row = Some(s.row.saturating_add(s.row_repeat - 1));
                            s.max_col = s.max_col.max(mc);
                            check(s)?;
                        }
                        s.row = s.row.saturating_add(s.row_repeat);
                        s.row_repeat = 1;
                    }
                }
                "table:table" => {
                    if let Some(s) = scan.take() {
                        check(&s)?;
                    }
                }
                _ => {}
            }
        }
    }
    Ok(())
}
