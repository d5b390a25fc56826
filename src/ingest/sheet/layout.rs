//! Where a sheet's header is and which column is which.
//!
//! The header is the first row (within the first 60: a long 填表说明 may come first)
//! naming an id or measure column and a progress or status column, with the row below
//! when that continues the header (two rows, often merged cells). Header cells carry no
//! colon: 填报单位：… and 填报日期： label the lines above a table, while a 填报日期
//! header names a column (web exports date every row). Whether a 责任单位 column names
//! the unit of each row is `sheet::unit`'s decision.

use crate::common::text::one_line;
use crate::ingest::grid::{Cell, Grid};
use crate::ingest::values::parse_task_id;
use crate::ingest::vocabulary::{
    classify_header, classify_status, is_clauses_of_progress, is_status_placeholder,
    is_yes_no_word, lists_options, normalise_header, ticked_option, ColumnKind,
};
use crate::model::Status;

/// How far down a header may be.
const HEADER_SCAN_ROWS: usize = 60;

/// The longest cell (in characters) a status column holds: a longer text is progress.
const STATUS_CELL_CHARS: usize = 10;

/// The header's rows and the columns it names.
#[derive(Debug, Default, Clone)]
pub(super) struct Layout {
    /// First and last header row (0-based).
    pub top: usize,
    pub bottom: usize,
    /// Each kind once, at its first column.
    columns: Vec<(ColumnKind, usize)>,
    /// Further columns of a text kind already named (a second 进展 column, the unit's
    /// own 整改措施 beside the plan's 整改任务 and a progress column, a second 备注): read
    /// too, never dropped.
    extra: Vec<(ColumnKind, usize)>,
    /// Tick columns headed by a status word (已完成 / 正在推进 / 未启动 / 未完成), each
    /// with the status it ticks (待核实 for 未完成) and its header word, left to right.
    pub ticks: Vec<(Status, String, usize)>,
    /// Note columns headed other than 备注 (存在问题, 下一步打算 …), with their header:
    /// their text is kept under it, and never read as a status.
    note_labels: Vec<(usize, String)>,
    /// An online form's export (a 提交时间 column): its 序号 numbers the answers, and the
    /// task is the option picked in the task column (21.小水电清理整改).
    pub form_export: bool,
    /// The rows are an online form's submissions (the 填报日期 column says 提交时间,
    /// 答卷时间 …): a unit's later answer on a task replaces its earlier one.
    pub submissions: bool,
    /// Columns whose header names no column the tool knows (督导组意见, 责任人 …), with
    /// their header: a record's text there is kept in its note under the header, never
    /// dropped. They do not make a row a report.
    pub unnamed: Vec<(usize, String)>,
    /// The status column holds the plan's 完成时限, pasted down it (a whole-plan copy
    /// with one column slipped): a status cell equal to its row's 完成时限 is no status
    /// even when it reads as one (长期坚持). Set by the sheet reader once it has seen
    /// the rows.
    pub status_holds_deadlines: bool,
    /// The 完成时限 column of a table with no status column holds status words (已完成,
    /// 正在推进) where the plan's deadlines would be: the unit wrote its status there.
    /// 长期坚持, a deadline the plan also gives, is then a status too
    /// ([`super::rows::status_in_deadline`]). Set by the sheet reader once it has seen
    /// the rows.
    pub deadline_holds_statuses: bool,
    /// The earlier months' columns of the input kinds (progress, status, 完成时间 …),
    /// one group per month, the latest first ([`prefer_latest_month`]): a row that leaves
    /// the latest month blank is read from the latest month it filled ([`Layout::for_row`]).
    earlier_months: Vec<MonthColumns>,
}

/// One month's columns of the input kinds.
type MonthColumns = Vec<(ColumnKind, usize)>;

/// Headers of a column counting tasks (任务数（项）, 占比): a tally's, not a return's.
const COUNT_HEADERS: [&str; 8] = [
    "任务数",
    "项数",
    "数量",
    "个数",
    "占比",
    "比例",
    "比重",
    "百分比",
];

impl Layout {
    /// A table counting the tasks by status (序号 | 完成状态 | 任务数 | 占比, or 序号 |
    /// 任务类别 | 任务数 | 已完成 | 正在推进 | 长期坚持: a column of counts per status): a
    /// status and a count column, and nothing saying which task or what was done.
    pub fn is_tally(&self) -> bool {
        use ColumnKind::*;
        let per_status = self.ticks.len() >= 2;
        // A unit column beside columns counting each status: a lead unit's count of its
        // partners' tasks (镇街 | 任务数 | 已完成 | 正在推进 …), a row a unit.
        (self.has(Status) || per_status)
            && ![Measure, Progress, CompletedOn]
                .into_iter()
                .any(|k| self.has(k))
            && (per_status || ![Unit, ResponsibleUnit].into_iter().any(|k| self.has(k)))
            && (per_status || !self.has(Category))
            && self
                .unnamed
                .iter()
                .any(|(_, h)| COUNT_HEADERS.iter().any(|w| h.contains(w)))
    }

    /// The table's leftmost column read.
    pub fn first_column(&self) -> usize {
        (self.columns.iter().chain(&self.extra))
            .map(|&(_, c)| c)
            .min()
            .unwrap_or(0)
    }

    /// The header, if the sheet has one. With `last_header_row` (our checklist: the
    /// marker knows its rows) the header ends there at the latest.
    pub fn find(grid: &Grid, last_header_row: Option<usize>) -> Option<Layout> {
        let width = grid.width();
        (0..grid.rows.len().min(HEADER_SCAN_ROWS))
            .find_map(|top| header_at(grid, top, width, last_header_row))
    }

    /// The header starting at row `top`, if it is one there: a second block of a sheet
    /// under a header of its own (二、我局配合的任务, with other columns).
    pub fn at(grid: &Grid, top: usize) -> Option<Layout> {
        header_at(grid, top, grid.width(), None)
    }

    /// The first column of a second table beside this one, under the same header row
    /// (tasks 1–30 in A–E, 31–63 in G–K): the column where the header names the task
    /// number (else the measure) again after an input column, with input columns after
    /// it too. Not for a sheet whose second number column is the plan's (序号 | 方案序号).
    pub fn second_table_at(&self, grid: &Grid) -> Option<usize> {
        use ColumnKind::{Id, Measure, Percent, Progress, Status, StatusTick, StatusYesNo};
        let width = grid.width();
        let kinds: Vec<Option<ColumnKind>> = (0..width)
            .map(|c| header_kind(&self.header_text(grid, c)))
            .collect();
        let key = if kinds.contains(&Some(Id)) {
            Id
        } else {
            Measure
        };
        let input = |k: &Option<ColumnKind>| {
            matches!(
                k,
                Some(Progress | Status | StatusYesNo | StatusTick | Percent)
            )
        };
        let first = kinds.iter().position(|k| *k == Some(key))?;
        let second = (first + 1..width)
            .find(|&c| kinds[c] == Some(key) && kinds[first + 1..c].iter().any(input))?;
        kinds[second + 1..].iter().any(input).then_some(second)
    }

    /// Whether `other` reads the same kinds from the same columns.
    pub fn same_columns(&self, other: &Layout) -> bool {
        self.columns == other.columns && self.extra == other.extra && self.ticks == other.ticks
    }

    /// The layout to read row `r` with when it leaves the latest month's progress and
    /// status blank and fills an earlier month's (10月 已完成, 11月 left blank: nothing
    /// changed): that month's columns, no longer in the note, and what the note says of
    /// it (11月进展情况未填写，按10月进展情况计). `None`: the sheet's.
    pub fn for_row(&self, grid: &Grid, r: usize) -> Option<(Layout, String)> {
        use ColumnKind::{Note, Progress, Status, StatusYesNo};
        if self.earlier_months.is_empty() {
            return None;
        }
        let inputs = [Progress, Status, StatusYesNo];
        let text = |c: usize| grid.value_through_merge(r, c).text_ref().trim().to_string();
        let blank = |c: usize| text(c).is_empty();
        // 同上期 / 无变化 under 本期, its status blank: nothing changed, as a blank row says
        // (second review c 8: read as a report saying nothing, 待核实).
        let unchanged = self
            .col(Progress)
            .and_then(|c| crate::ingest::unchanged::says_same_as_before(&text(c)));
        if inputs.iter().any(|&k| {
            self.col(k)
                .is_some_and(|c| !(blank(c) || (k == Progress && unchanged.is_some())))
        }) {
            return None;
        }
        let group = self
            .earlier_months
            .iter()
            .find(|group| group.iter().any(|&(k, c)| inputs.contains(&k) && !blank(c)))?;
        let mut layout = self.clone();
        let header = |l: &Layout, c: usize| normalise_header(&l.full_header(grid, c));
        let latest = self
            .col(Progress)
            .or(self.col(Status))
            .or(self.col(StatusYesNo));
        let used = group
            .iter()
            .find(|(k, _)| *k == Progress)
            .or_else(|| group.first())
            .map(|&(_, c)| c);
        let said = match (latest, used) {
            (Some(latest), Some(used)) => match &unchanged {
                Some(words) => format!(
                    "{}填写“{words}”，按{}计",
                    header(self, latest),
                    header(self, used)
                ),
                None => format!("{}未填写，按{}计", header(self, latest), header(self, used)),
            },
            _ => String::new(),
        };
        for &(kind, c) in group {
            for (k, col) in layout.columns.iter_mut() {
                if *k == kind {
                    *col = c;
                }
            }
        }
        // The month's columns are read as its inputs now, not kept as notes.
        let taken = |c: usize| group.iter().any(|&(_, g)| g == c);
        let notes: Vec<usize> = self
            .col(Note)
            .into_iter()
            .chain(self.extra_cols(Note))
            .filter(|&c| !taken(c))
            .collect();
        layout.columns.retain(|(k, _)| *k != Note);
        layout.extra.retain(|(k, _)| *k != Note);
        if let Some((&first, rest)) = notes.split_first() {
            layout.columns.push((Note, first));
            layout.extra.extend(rest.iter().map(|&c| (Note, c)));
        }
        layout.note_labels.retain(|(c, _)| !taken(*c));
        Some((layout, said))
    }

    /// The column of `kind`, if the header names one.
    pub fn col(&self, kind: ColumnKind) -> Option<usize> {
        self.columns
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, c)| *c)
    }

    /// The further columns of `kind` (after the one [`Layout::col`] gives), left to right.
    pub fn extra_cols(&self, kind: ColumnKind) -> impl Iterator<Item = usize> + '_ {
        self.extra
            .iter()
            .filter(move |(k, _)| *k == kind)
            .map(|(_, c)| *c)
    }

    /// The header's text over column `c` (its lower row first, as a two-row header
    /// names the column there).
    pub fn header_text(&self, grid: &Grid, c: usize) -> String {
        (self.top..=self.bottom)
            .rev()
            .map(|r| one_line(&grid.value_through_merge(r, c).text_ref()))
            .find(|t| !t.is_empty())
            .unwrap_or_default()
    }

    /// The header's text over column `c` from its top row down, normalised: 11月份 over
    /// 进展情况 in a two-row header is 11月份进展情况 (the lower row alone names no month).
    pub fn full_header(&self, grid: &Grid, c: usize) -> String {
        let mut out = String::new();
        for r in self.top..=self.bottom {
            let t = normalise_header(&grid.value_through_merge(r, c).text_ref());
            if !out.ends_with(&t) {
                out.push_str(&t);
            }
        }
        out
    }

    /// The header a note column's text is kept under (存在问题), `None` for 备注.
    pub fn note_label(&self, c: usize) -> Option<&str> {
        self.note_labels
            .iter()
            .find(|(n, _)| *n == c)
            .map(|(_, h)| h.as_str())
    }

    /// Whether the header names a column that gives a status: 完成状态, 是否完成, tick
    /// columns or 完成进度.
    pub fn has_status_column(&self) -> bool {
        [
            ColumnKind::Status,
            ColumnKind::StatusYesNo,
            ColumnKind::Percent,
        ]
        .iter()
        .any(|k| self.has(*k))
            || !self.ticks.is_empty()
    }

    /// Whether the header names a `kind` column.
    pub fn has(&self, kind: ColumnKind) -> bool {
        self.col(kind).is_some()
    }

    /// The cell of `kind` on row `r` (through merges); empty without such a column.
    pub fn cell<'g>(&self, grid: &'g Grid, r: usize, kind: ColumnKind) -> &'g Cell {
        match self.col(kind) {
            Some(c) => grid.value_through_merge(r, c),
            None => &Cell::Empty,
        }
    }
}

/// Whether row `r` repeats the header inside the table (a pasted second block): its
/// first text is a header word (cheap for data rows), and the row names columns as a
/// header does.
///
/// Not a row any of whose cells is a sentence (…。, or clauses: 制定整改措施，解决污水溢流
/// 问题): a task's second row whose measure holds header words, read as data (adv53 a 2:
/// its 正在推进 was lost and the rows below read under a header of its texts).
/// A row opening with 序号, or the same cell by cell as a row of the sheet's header
/// (`layout`), is one whatever its cells say (整改进展情况，含存在问题; second review c 9).
pub(super) fn is_repeated_header(grid: &Grid, r: usize, first_text: &str, layout: &Layout) -> bool {
    let first = classify_header(first_text);
    first.is_some() && {
        let kinds = header_kinds(grid, r, grid.row_len(r));
        distinct(&kinds) >= 2
            && qualifies(&kinds)
            // (A row opening with 序号 is a header whatever its other cells say.)
            && (first == Some(ColumnKind::Id)
                || !(0..grid.row_len(r)).any(|c| is_sentence(&grid.cell(r, c).text_ref()))
                || (layout.top..=layout.bottom).any(|h| same_cells(grid, r, h)))
    }
}

/// Whether rows `a` and `b` hold the same texts in every column.
fn same_cells(grid: &Grid, a: usize, b: usize) -> bool {
    (0..grid.row_len(a).max(grid.row_len(b)))
        .all(|c| one_line(&grid.cell(a, c).text_ref()) == one_line(&grid.cell(b, c).text_ref()))
}

/// Whether a cell reads as a sentence rather than a column's name: it ends as one (。；)
/// or joins clauses (，) outside brackets (完成状态（已完成，正在推进） is a header).
fn is_sentence(text: &str) -> bool {
    let t = text.trim();
    let mut depth = 0usize;
    let mut clauses = false;
    for c in t.chars() {
        match c {
            '（' | '(' | '【' | '[' => depth += 1,
            '）' | ')' | '】' | ']' => depth = depth.saturating_sub(1),
            '，' | ',' if depth == 0 => clauses = true,
            _ => {}
        }
    }
    clauses || t.ends_with(['。', '；', ';'])
}

/// The header starting at row `top`, if it is one.
fn header_at(
    grid: &Grid,
    top: usize,
    width: usize,
    last_header_row: Option<usize>,
) -> Option<Layout> {
    let upper = header_kinds(grid, top, width);
    if distinct(&upper) < 2 && !qualifies(&upper) {
        // A two-row header needs at least two header words on its top row too
        // (序号 and 具体举措 merged down), so a single word is not a start.
        return None;
    }
    let lower = if top + 1 < grid.rows.len() && last_header_row.is_none_or(|l| top < l) {
        header_kinds(grid, top + 1, width)
    } else {
        vec![None; width]
    };
    let (mut kinds, bottom) = if continues_header(grid, top, &upper, &lower) {
        let combined: Vec<Option<ColumnKind>> = (0..width).map(|c| lower[c].or(upper[c])).collect();
        (combined, top + 1)
    } else {
        (upper, top)
    };
    second_measure_is_progress(&mut kinds);
    explanation_is_progress(grid, top..=bottom, &mut kinds);
    if !qualifies(&kinds) {
        return None;
    }
    let mut layout = Layout {
        top,
        bottom,
        columns: first_column_of_each(&kinds),
        extra: Vec::new(),
        ticks: Vec::new(),
        note_labels: Vec::new(),
        form_export: false,
        submissions: false,
        unnamed: Vec::new(),
        status_holds_deadlines: false,
        deadline_holds_statuses: false,
        earlier_months: Vec::new(),
    };
    layout.ticks = (0..width)
        .filter(|&c| kinds[c] == Some(ColumnKind::StatusTick))
        .filter_map(|c| {
            let header = normalise_header(&layout.header_text(grid, c));
            (!header.is_empty()).then(|| (classify_status(&header), header, c))
        })
        .collect();
    promote_status_like_progress(grid, &mut layout, &kinds);
    percent_of_sentences_is_progress(grid, &mut layout);
    prefer_plan_numbers(grid, &mut layout, &kinds);
    prefer_actual_completion(grid, &mut layout, &mut kinds);
    // An online form's export: 序号 numbers the answers, not the tasks.
    layout.submissions = layout.col(ColumnKind::FiledOn).is_some_and(|c| {
        let h = normalise_header(&layout.header_text(grid, c));
        ["提交", "答卷", "答题"].iter().any(|w| h.contains(w))
    });
    layout.form_export = layout.submissions && layout.has(ColumnKind::Measure);
    if layout.form_export {
        layout.columns.retain(|(k, _)| *k != ColumnKind::Id);
    }
    let (kinds, repeated, earlier) = prefer_latest_month(grid, &mut layout, kinds);
    layout.earlier_months = earlier;
    layout.extra = extra_text_columns(&layout, &kinds);
    layout.note_labels = layout
        .col(ColumnKind::Note)
        .into_iter()
        .chain(layout.extra_cols(ColumnKind::Note))
        .map(|c| {
            // An earlier month's column under a month in the upper row: named with it.
            let full = layout.full_header(grid, c);
            let own = layout.header_text(grid, c);
            match header_month(&normalise_header(&own)) {
                // The left one of a pair of columns repeated for a new round.
                // Named so already (上期完成状态, 完成状态（上月）): as it is.
                _ if repeated.contains(&c) && crate::ingest::names_earlier_round(&own) => (c, own),
                _ if repeated.contains(&c) => (c, format!("前期{}", normalise_header(&own))),
                None if header_month(&full).is_some() => (c, full),
                _ => (c, own),
            }
        })
        .filter(|(_, h)| !h.is_empty() && !h.contains("备注"))
        .collect();
    // A column with no header at all (remarks typed beside the table) is kept too, its
    // header empty; one whose header is only punctuation or numbers is not.
    layout.unnamed = (layout.first_column()..width)
        .filter(|&c| kinds[c].is_none())
        .map(|c| (c, normalise_header(&layout.header_text(grid, c))))
        .filter(|(_, h)| h.is_empty() || h.chars().any(char::is_alphabetic))
        .collect();
    Some(layout)
}

/// The row below `top` belongs to the header when it names columns, holds no task
/// number of its own, and at least half of the cells it fills itself (not through a
/// merge from above) are header words: a first data row without a 序号 whose status
/// cell says 已完成 (a header word of a tick column) is data, not a second header row;
/// so is a status word under the status or progress column.
fn continues_header(
    grid: &Grid,
    top: usize,
    upper: &[Option<ColumnKind>],
    lower: &[Option<ColumnKind>],
) -> bool {
    let id_below = |c: usize| {
        upper[c] == Some(ColumnKind::Id)
            && match grid.cell(top + 1, c) {
                Cell::Number(_) => true,
                Cell::Text(t) => parse_task_id(t).is_some(),
                _ => false,
            }
    };
    // 填写方案中的序号 | 照抄方案原文 | 填写：已完成/正在推进 under the header: the
    // form's hints, not column names.
    if super::rows::is_hint_row(grid, top + 1) {
        return false;
    }
    let (mut filled, mut named) = (0, 0);
    for (c, kind) in upper.iter().enumerate() {
        let cell = grid.cell(top + 1, c);
        if cell.is_empty() {
            continue;
        }
        let text = cell.text_ref();
        // 一、已完成的任务 under the header: a group heading over the rows, not a
        // second header row.
        if opens_with_enumerator(&text) {
            return false;
        }
        // 已完成 under 完成状态 or 整改进展情况 is the row's answer, not a tick column's
        // header (巡查监测信息公开 | 已完成 | 已完成 is a task row without a 序号).
        let here = header_kind(&text);
        let answers = matches!(kind, Some(ColumnKind::Status | ColumnKind::Progress))
            && here == Some(ColumnKind::StatusTick);
        if here.is_some() && !answers {
            named += 1;
        } else if text.trim().chars().count() > HEADER_CELL_CHARS {
            // A task's measure or progress: a data row, whatever words sit beside it.
            return false;
        }
        filled += 1;
    }
    lower.iter().flatten().count() >= 1 && !(0..upper.len()).any(id_below) && named * 2 >= filled
}

/// Whether `text` opens with a Chinese enumerator: 一、 二. （三） (a heading's number).
fn opens_with_enumerator(text: &str) -> bool {
    let t = text.trim_start();
    let t = t.strip_prefix(['（', '(']).unwrap_or(t);
    let numerals = t
        .chars()
        .take_while(|&c| crate::common::numerals::is_small_numeral(c))
        .count();
    numerals > 0
        && t.chars()
            .nth(numerals)
            .is_some_and(|c| matches!(c, '、' | '．' | '.' | '）' | ')'))
}

/// The longest cell of a header row that names no column (整改落实情况 spanning two).
const HEADER_CELL_CHARS: usize = 12;

/// Each kind at the first column naming it.
fn first_column_of_each(kinds: &[Option<ColumnKind>]) -> Vec<(ColumnKind, usize)> {
    let mut columns: Vec<(ColumnKind, usize)> = Vec::new();
    for (c, k) in kinds.iter().enumerate() {
        if let Some(k) = k {
            if !columns.iter().any(|(kk, _)| kk == k) {
                columns.push((*k, c));
            }
        }
    }
    columns
}

/// Several progress or status columns, one per month (10月进展情况 | 11月进展情况 |
/// 12月进展情况, or 11月完成状态 | 完成状态): the latest month's is read, a column naming
/// no month (完成状态, 本月进展) counting as the latest and 上月 as the earliest, the
/// rightmost of equals. The earlier months' columns are kept as notes under their
/// headers (returned as note columns in the kinds). Before, the first column decided.
///
/// Two status columns naming no month (整改进展情况 | 完成状态 | 整改进展情况 | 完成
/// 状态: last round's pair left in place, the new one added on its right) are rounds
/// too: the rightmost of each kind is read, the others kept as notes headed 前期…; those
/// columns are returned with the kinds. A shown column beats a hidden one of its kind
/// whatever their months or places: a hidden pair is last round's, put out of sight.
/// Returns the kinds, the columns of a repeated pair, and the earlier months' columns
/// grouped by month, the latest first ([`Layout::earlier_months`]).
fn prefer_latest_month(
    grid: &Grid,
    layout: &mut Layout,
    mut kinds: Vec<Option<ColumnKind>>,
) -> (Vec<Option<ColumnKind>>, Vec<usize>, Vec<MonthColumns>) {
    use ColumnKind::{CompletedOn, Note, Percent, Progress, Status, StatusYesNo};
    let unmonthed = |kind: ColumnKind| {
        let cols: Vec<usize> = (0..kinds.len())
            .filter(|&c| kinds[c] == Some(kind))
            .collect();
        cols.len() >= 2
            && cols
                .iter()
                .all(|&c| header_month(&layout.full_header(grid, c)).is_none())
    };
    let rounds = unmonthed(Status) || unmonthed(StatusYesNo);
    // The month the lines above the table name (the title's （12月）, else the filing
    // date's): a column named for it is this round's, even beside one under 本月 or no
    // month (the template's, left holding last round's answer).
    // Read once, when a column names a month.
    let mut sheet_month: Option<Option<u32>> = None;
    let mut repeated = Vec::new();
    // (month, kind, column) of the earlier months' columns named by a month.
    let mut earlier: Vec<(u32, ColumnKind, usize)> = Vec::new();
    for kind in [Progress, Status, StatusYesNo, Percent, CompletedOn] {
        let Some(chosen) = layout.col(kind) else {
            continue;
        };
        let cols: Vec<usize> = (0..kinds.len())
            .filter(|&c| kinds[c] == Some(kind))
            .collect();
        let months: Vec<Option<u32>> = cols
            .iter()
            .map(|&c| header_month(&layout.full_header(grid, c)))
            .collect();
        // A column under 本月 / no month is the latest: only month-named columns give way.
        let by_round = rounds && months.iter().all(Option::is_none);
        // A hidden column beside a shown one of its kind is out of sight on purpose:
        // last round's pair kept hidden, wherever it stands.
        let shown = |c: usize| !grid.col_hidden(c);
        let hidden_beside = cols.iter().any(|&c| shown(c)) && !cols.iter().all(|&c| shown(c));
        if cols.len() < 2 || (months.iter().all(Option::is_none) && !by_round && !hidden_beside) {
            continue;
        }
        let sheet_month = if months.iter().any(Option::is_some) {
            *sheet_month.get_or_insert_with(|| {
                (0..layout.top)
                    .filter(|&r| !grid.row_is_empty(r))
                    .find_map(|r| super::rows::month_named(&grid.row_text(r)))
            })
        } else {
            None
        };
        let rank = |i: usize| match months[i] {
            Some(m) if Some(m) == sheet_month => 14,
            Some(m) => m,
            None => 13,
        };
        let latest = (0..cols.len())
            .max_by_key(|&i| (shown(cols[i]), rank(i), cols[i]))
            .map(|i| cols[i])
            .unwrap_or(chosen);
        let rank_of = |c: usize| cols.iter().position(|&x| x == c).map_or(13, rank);
        for (k, c) in layout.columns.iter_mut() {
            if *k == kind {
                *c = latest;
            }
        }
        for (i, &c) in cols.iter().enumerate().filter(|&(_, &c)| c != latest) {
            // A shown column of a month before the latest, 上月 / 上期 among them (adv56
            // a 5: 上期进展情况（11月） beside a blank 本期 was read as a blank report); not
            // a hidden pair.
            if let Some(m) = months[i].filter(|&m| m < rank_of(latest)) {
                if shown(c) {
                    earlier.push((m, kind, c));
                }
            }
            kinds[c] = Some(Note);
            if !layout.has(Note) {
                layout.columns.push((Note, c));
            }
            if by_round || !shown(c) {
                repeated.push(c);
            }
        }
    }
    earlier.sort_by_key(|&(m, _, c)| (std::cmp::Reverse(m), c));
    let mut groups: Vec<(u32, MonthColumns)> = Vec::new();
    for (m, kind, c) in earlier {
        match groups.last_mut() {
            Some((month, group)) if *month == m => group.push((kind, c)),
            _ => groups.push((m, vec![(kind, c)])),
        }
    }
    (
        kinds,
        repeated,
        groups.into_iter().map(|(_, g)| g).collect(),
    )
}

/// The month a header names at its start (11月进展情况, 2020年12月完成状态, 十二月进展):
/// 0 for 上月 (上期, 上次 …), none for 本月 (本期 …) or no month.
fn header_month(header: &str) -> Option<u32> {
    // 截至11月底工作进展, 截止12月4日: the month the text runs to.
    let header = ["截至", "截止"]
        .iter()
        .find_map(|w| header.strip_prefix(w))
        .unwrap_or(header);
    // Last period's column kept beside this one's (上期完成状态 beside 本期完成状态).
    if crate::ingest::vocabulary::opens_with_earlier_round(header) {
        return Some(0);
    }
    let rest = match header.find('年') {
        Some(i) if header[..i].chars().all(|c| c.is_ascii_digit()) => {
            &header[i + '年'.len_utf8()..]
        }
        _ => header,
    };
    // 三季度 / 第四季度 / 上半年: the period's last month.
    let period = rest.strip_prefix('第').unwrap_or(rest);
    if let Some(end) = period.find("季度") {
        let q = &period[..end];
        let quarter = q
            .parse()
            .ok()
            .or_else(|| crate::common::numerals::chinese_number(q))
            .filter(|q| (1..=4).contains(q));
        if let Some(q) = quarter {
            return Some(3 * q);
        }
    }
    if period.starts_with("上半年") {
        return Some(6);
    }
    if period.starts_with("下半年") {
        return Some(12);
    }
    let end = rest.find('月')?;
    month_number(&rest[..end])
}

/// A month's number written before its 月 (11, 十一): 1 to 12.
pub(super) fn month_number(m: &str) -> Option<u32> {
    let month = m
        .parse()
        .ok()
        .or_else(|| crate::common::numerals::chinese_number(m))?;
    (1..=12).contains(&month).then_some(month)
}

/// Two number columns, the unit's own (序号: 1, 2, 3 …) and the plan's (方案序号,
/// 对应序号, 任务编号 …): the task is the plan's number.
fn prefer_plan_numbers(grid: &Grid, layout: &mut Layout, kinds: &[Option<ColumnKind>]) {
    const PLAN_WORDS: [&str; 4] = ["方案", "对应", "任务", "原"];
    let ids: Vec<usize> = (0..kinds.len())
        .filter(|&c| kinds[c] == Some(ColumnKind::Id))
        .collect();
    if ids.len() < 2 {
        return;
    }
    let names_plan = |c: usize| {
        let h = normalise_header(&layout.header_text(grid, c));
        PLAN_WORDS.iter().any(|w| h.contains(w))
    };
    let plans: Vec<usize> = ids.iter().copied().filter(|&c| names_plan(c)).collect();
    if let ([plan], true) = (&plans[..], plans.len() < ids.len()) {
        for (k, c) in layout.columns.iter_mut() {
            if *k == ColumnKind::Id {
                *c = *plan;
            }
        }
    }
}

/// Two 完成时间 columns, one of them 实际完成时间 (序号 | 具体举措 | 完成时间 | … |
/// 实际完成时间: the plan's deadline copied under the first): the actual one is the
/// completion date; the other is the plan's deadline (a note when the sheet has a
/// 完成时限 too). Before, the first was read and the actual date dropped.
fn prefer_actual_completion(grid: &Grid, layout: &mut Layout, kinds: &mut [Option<ColumnKind>]) {
    use ColumnKind::{CompletedOn, Deadline, Note};
    let dates: Vec<usize> = (0..kinds.len())
        .filter(|&c| kinds[c] == Some(CompletedOn))
        .collect();
    let actual: Vec<usize> = dates
        .iter()
        .copied()
        .filter(|&c| normalise_header(&layout.header_text(grid, c)).contains("实际"))
        .collect();
    let [actual] = actual[..] else {
        return;
    };
    if dates.len() < 2 {
        return;
    }
    for (k, c) in layout.columns.iter_mut() {
        if *k == CompletedOn {
            *c = actual;
        }
    }
    for c in dates.into_iter().filter(|&c| c != actual) {
        let kind = if layout.has(Deadline) { Note } else { Deadline };
        kinds[c] = Some(kind);
        if !layout.has(kind) {
            layout.columns.push((kind, c));
        }
    }
}

/// A header with two measure columns and no progress column (序号 | 整改任务 | 整改措施
/// | 完成状态): the first names the task, the second holds what the unit did, its
/// progress (adv54 a 3: its text was read as more of the measure and lost, and with no
/// status column the table was not found at all).
fn second_measure_is_progress(kinds: &mut [Option<ColumnKind>]) {
    if kinds.contains(&Some(ColumnKind::Progress)) {
        return;
    }
    if let Some(second) = second_measure(kinds) {
        kinds[second] = Some(ColumnKind::Progress);
    }
}

/// The headers of a column explaining how a task stands (情况说明, 说明, 具体情况).
const EXPLANATION_HEADERS: [&str; 9] = [
    "情况说明",
    "说明",
    "具体说明",
    "简要说明",
    "具体情况",
    "有关情况",
    "情况",
    "工作情况说明",
    "工作动态",
];

/// A header with no column of progress or status but one headed 情况说明 (序号 | 整改任务
/// | 完成时限 | 情况说明, the account of each task in it): that column is the progress
/// (adv56 a 3: the table was not found and every task lost). Beside a progress or status
/// column such a column stays what it was (a note, or not read).
fn explanation_is_progress(
    grid: &Grid,
    rows: std::ops::RangeInclusive<usize>,
    kinds: &mut [Option<ColumnKind>],
) {
    use ColumnKind::{Percent, Progress, Status, StatusTick, StatusYesNo};
    if kinds
        .iter()
        .flatten()
        .any(|k| matches!(k, Progress | Status | StatusYesNo | StatusTick | Percent))
    {
        return;
    }
    let header = |r: usize, c: usize| normalise_header(&grid.value_through_merge(r, c).text_ref());
    // A list of supporting documents (序号 | 对应任务 | 材料名称 | 说明): its 说明 tells of a
    // document, not of the work (second review c 6).
    const DOCUMENTS: [&str; 7] = ["材料", "附件", "文件", "资料", "证明", "照片", "图片"];
    if rows
        .clone()
        .any(|r| (0..kinds.len()).any(|c| DOCUMENTS.iter().any(|w| header(r, c).contains(w))))
    {
        return;
    }
    let explains = |c: usize| {
        rows.clone()
            .any(|r| EXPLANATION_HEADERS.contains(&header(r, c).as_str()))
    };
    if let Some(c) = (0..kinds.len()).find(|&c| kinds[c].is_none() && explains(c)) {
        kinds[c] = Some(Progress);
    }
}

/// The second of a header's measure columns (整改措施 after 整改任务), if it has two.
fn second_measure(kinds: &[Option<ColumnKind>]) -> Option<usize> {
    (0..kinds.len())
        .filter(|&c| kinds[c] == Some(ColumnKind::Measure))
        .nth(1)
}

/// The columns of a text kind (measure, progress, note, evidence) that repeat a kind
/// the layout already reads at another column: their text is data too. So is a second
/// 完成时限 (调整后完成时限 beside the plan's): the deadline the unit moved the task to.
fn extra_text_columns(layout: &Layout, kinds: &[Option<ColumnKind>]) -> Vec<(ColumnKind, usize)> {
    use ColumnKind::{Deadline, Evidence, Measure, Note, Progress};
    let used = |c: usize| layout.columns.iter().any(|(_, cc)| *cc == c);
    kinds
        .iter()
        .enumerate()
        .filter_map(|(c, k)| match k {
            Some(k @ (Measure | Progress | Note | Evidence | Deadline))
                if !used(c) && layout.has(*k) =>
            {
                Some((*k, c))
            }
            _ => None,
        })
        .collect()
}

/// Header kinds of one row, `width` cells.
fn header_kinds(grid: &Grid, r: usize, width: usize) -> Vec<Option<ColumnKind>> {
    (0..width)
        .map(|c| header_kind(&grid.value_through_merge(r, c).text_ref()))
        .collect()
}

/// The column a header cell names: not a label with a colon (填报日期：… is a line
/// above the table).
pub(super) fn header_kind(text: &str) -> Option<ColumnKind> {
    if text.contains(':') || text.contains('：') {
        return None;
    }
    classify_header(text)
}

fn distinct(kinds: &[Option<ColumnKind>]) -> usize {
    let mut seen: Vec<ColumnKind> = Vec::new();
    for k in kinds.iter().flatten() {
        if !seen.contains(k) {
            seen.push(*k);
        }
    }
    seen.len()
}

/// A header names an id or measure column and a progress, status or completion column.
fn qualifies(kinds: &[Option<ColumnKind>]) -> bool {
    use ColumnKind::*;
    let has = |ks: &[ColumnKind]| kinds.iter().flatten().any(|k| ks.contains(k));
    has(&[Id, Measure])
        && has(&[
            Progress,
            Status,
            StatusYesNo,
            StatusTick,
            Percent,
            CompletedOn,
        ])
}

/// With no status column, a progress-like column (完成情况) holding status words is the
/// status column. Beside another progress column (整改进展情况) its cells need only be
/// short with most of them status words (an unknown word such as 未完成 then reads
/// 待核实 with its text kept); alone, every cell must be a status word, or a short
/// progress text would be taken for a status. A column of 是 / 否 is a 是否完成 column.
fn promote_status_like_progress(grid: &Grid, layout: &mut Layout, kinds: &[Option<ColumnKind>]) {
    use ColumnKind::{Progress, StatusTick, StatusYesNo};
    if layout
        .columns
        .iter()
        .any(|(k, _)| matches!(k, ColumnKind::Status | StatusYesNo | StatusTick))
    {
        return;
    }
    let progress_cols: Vec<usize> = kinds
        .iter()
        .enumerate()
        .filter(|(_, k)| **k == Some(Progress))
        .map(|(c, _)| c)
        .collect();
    let beside_progress = progress_cols.len() > 1;
    // Of two that could be, the one more of whose cells are status words (完成情况 of
    // 已完成 beside 整改进展情况 of 已全部完成清掏, 已出台管理办法), else the first.
    let Some((c, kind, _)) = progress_cols
        .iter()
        .filter_map(|&c| {
            status_words_kind(grid, layout.bottom + 1, c, beside_progress)
                .map(|(k, share)| (c, k, share))
        })
        .reduce(|best, cand| if cand.2 > best.2 { cand } else { best })
    else {
        return;
    };
    layout.columns.retain(|(k, _)| *k != Progress);
    layout.columns.push((kind, c));
    if let Some(&other) = progress_cols.iter().find(|&&o| o != c) {
        layout.columns.push((Progress, other));
    } else if let Some(second) = second_measure(kinds) {
        // 整改任务 | 整改措施 | 整改进度 (of 已完成): the second measure column holds what
        // the unit did, as where no progress column is named at all.
        layout.columns.push((Progress, second));
    }
}

/// With no progress column, a 进度 column (read as 完成进度: 60%, 已完成) whose cells
/// hold sentences (已完成立案调查，正在等待处罚决定) is the progress column: its
/// sentences are what the unit did, and their status is read from them, not from an
/// opening 已完成 (session 56 review c 9).
fn percent_of_sentences_is_progress(grid: &Grid, layout: &mut Layout) {
    if layout.has(ColumnKind::Progress) {
        return;
    }
    let Some(c) = layout.col(ColumnKind::Percent) else {
        return;
    };
    let sentences = (layout.bottom + 1..grid.rows.len())
        .map(|r| one_line(&grid.cell(r, c).text_ref()))
        .any(|v| {
            (v.chars().count() > STATUS_CELL_CHARS || is_clauses_of_progress(&v))
                && !lists_options(&v)
        });
    if sentences {
        for col in layout.columns.iter_mut().filter(|(_, cc)| *cc == c) {
            col.0 = ColumnKind::Progress;
        }
    }
}

/// Whether column `c` from row `from` down holds status words (see
/// [`promote_status_like_progress`]): as which kind of status column, if so, and the
/// share of its cells that are.
fn status_words_kind(
    grid: &Grid,
    from: usize,
    c: usize,
    lenient: bool,
) -> Option<(ColumnKind, f64)> {
    let values: Vec<String> = (from..grid.rows.len())
        .map(|r| one_line(&grid.cell(r, c).text_ref()))
        .filter(|t| !t.is_empty() && !is_status_placeholder(t))
        .collect();
    // A cell listing the options with boxes is a status cell at any length; a date in
    // it (已于2020年9月25日完成) does not count to the length.
    let undated_len = |v: &str| {
        v.chars()
            .filter(|c| !c.is_ascii_digit() && !"年月日号.-/（）()".contains(*c))
            .count()
    };
    // A column of progress sentences, however short (初稿已完成，正在修改), is no
    // status column where it is the only one holding progress (second review c 3: its
    // 已完成 made an overdue task done, the sentence lost).
    let long = |v: &String| {
        (undated_len(v) > STATUS_CELL_CHARS || (!lenient && is_clauses_of_progress(v)))
            && !lists_options(v)
    };
    if values.is_empty() || values.iter().any(long) {
        return None;
    }
    if values.iter().all(|v| is_yes_no_word(v)) {
        return Some((ColumnKind::StatusYesNo, 1.0));
    }
    let known = values
        .iter()
        .filter(|v| {
            let picked = ticked_option(v);
            classify_status(picked.as_deref().unwrap_or(v)) != Status::Unclear || is_yes_no_word(v)
        })
        .count();
    let enough = if lenient {
        known * 2 >= values.len()
    } else {
        known == values.len()
    };
    enough.then_some((ColumnKind::Status, known as f64 / values.len() as f64))
}
