//! A registration form (登记表): a sheet or Word table with its labels down the side
//! (任务序号 | 20, 整改进展情况 | …, 完成状态 | 已完成), one task a form, often one
//! sheet a task or several forms one under another. Turned into the table the rest of
//! the sheet reader knows: the labels become a header row, each form one row under it.
//!
//! The table keeps the sheet's row numbers: its header stands on the first form's first
//! label row, each form's row on the row of its progress or status label (its last
//! label row when that is the header's), so a problem names a row of the form. The
//! lines above the first form (title, 填报单位) and every row that is not a label row
//! stay where they are; the other label rows are left empty in the table and listed as
//! [`SkipReason::FormField`] rows by the caller.

use super::layout::header_kind;
use crate::common::text::one_line;
use crate::ingest::grid::{Cell, Grid};
use crate::ingest::vocabulary::{normalise_header, ColumnKind};

/// The longest label (in characters, normalised): 整改进展情况及下一步打算 fits.
const LABEL_CHARS: usize = 14;

/// A sheet read as forms: the table to read and the label rows it left empty.
pub(super) struct Forms {
    pub table: Grid,
    /// The label rows that are neither the header nor a form's row (0-based).
    pub folded: Vec<usize>,
    /// The header's row (0-based): a label row of the first form.
    pub header: usize,
}

/// One label and its value on a row.
struct Field {
    label: String,
    kind: ColumnKind,
    value: Cell,
}

/// The column a label cell names: a short cell naming a column as a header cell does,
/// with at most a colon after it (填报单位：区水利局 in one cell is a line, not a label).
pub(super) fn label_kind(text: &str) -> Option<ColumnKind> {
    let t = one_line(text);
    let t = t.trim_end_matches([':', '：']);
    if normalise_header(t).chars().count() > LABEL_CHARS {
        return None;
    }
    header_kind(t)
}

/// A label naming the task: 序号, 具体举措.
fn names_the_task(kind: ColumnKind) -> bool {
    matches!(kind, ColumnKind::Id | ColumnKind::Measure)
}

/// A label naming the answer: progress, status, 是否完成, 完成进度.
pub(super) fn names_the_answer(kind: ColumnKind) -> bool {
    use ColumnKind::*;
    matches!(kind, Progress | Status | StatusYesNo | Percent)
}

/// The fields of row `r`: label, value, label, value … from its first filled cell; none
/// unless the row's first filled cell is a label. A label with nothing after it is a
/// field left blank. Cells a merge covers count once.
fn fields_of(grid: &Grid, r: usize) -> Vec<Field> {
    if grid.is_paragraph(r) {
        return Vec::new();
    }
    let cells: Vec<&Cell> = (0..grid.row_len(r))
        .filter(|&c| {
            grid.merge_at(r, c)
                .is_none_or(|m| m.first_col as usize == c && m.first_row as usize == r)
        })
        .map(|c| grid.cell(r, c))
        .filter(|cell| !cell.is_empty())
        .collect();
    let mut fields = Vec::new();
    let mut i = 0;
    while i < cells.len() {
        let text = cells[i].text_ref();
        let Some(kind) = label_kind(&text) else {
            // A cell that is neither a label nor a label's value: not a form's row.
            return Vec::new();
        };
        let value = cells.get(i + 1).copied().cloned().unwrap_or_default();
        // The next cell a label too (序号 | 完成状态 …): a header's cells, not a form's.
        if label_kind(&value.text_ref()).is_some() && !is_value_word(&value) {
            return Vec::new();
        }
        // A second value after it (序号 | 20 | 21 | 22): a table turned on its side, one
        // task a column, not a form.
        if cells
            .get(i + 2)
            .is_some_and(|next| *next != &value && label_kind(&next.text_ref()).is_none())
        {
            return Vec::new();
        }
        fields.push(Field {
            label: normalise_header(text.trim_end_matches([':', '：'])),
            kind,
            value,
        });
        i += 2;
        // A merge written out: the value repeated in the cells it spans.
        while cells
            .get(i)
            .is_some_and(|c| **c == fields[fields.len() - 1].value)
        {
            i += 1;
        }
    }
    fields
}

/// Whether row `r` holds a label with its answer beside it (a form's row, not a
/// header's).
pub(super) fn answers_a_label(grid: &Grid, r: usize) -> bool {
    fields_of(grid, r).iter().any(|f| !f.value.is_empty())
}

/// Whether the sheet holds a table turned on its side: a label naming the task (序号,
/// 具体举措) and one naming progress or status, each followed by two or more values,
/// one task a column.
pub(super) fn turned_on_its_side(grid: &Grid) -> bool {
    let mut kinds = Vec::new();
    for r in 0..grid.height().min(TURNED_SCAN_ROWS) {
        if grid.is_paragraph(r) {
            continue;
        }
        let mut cells = grid.filled_cells(r);
        let Some(kind) = cells.next().and_then(|c| label_kind(&c.text_ref())) else {
            continue;
        };
        if cells
            .filter(|c| label_kind(&c.text_ref()).is_none())
            .count()
            >= 2
        {
            kinds.push(kind);
        }
    }
    kinds.iter().copied().any(names_the_task) && kinds.iter().copied().any(names_the_answer)
}

/// How far down a turned table's labels are looked for.
const TURNED_SCAN_ROWS: usize = 30;

/// A value that reads like a label but is an answer (已完成 heads a tick column, and is
/// also what a 完成状态 field holds).
fn is_value_word(cell: &Cell) -> bool {
    matches!(
        label_kind(&cell.text_ref()),
        Some(ColumnKind::StatusTick | ColumnKind::StatusYesNo)
    )
}

/// The sheet as forms, when it is: label rows naming a task (序号 or 具体举措) and its
/// progress or status, for at least one form. `None` for any other sheet.
pub(super) fn read(grid: &Grid) -> Option<Forms> {
    // Each form: its label rows and their fields. A label seen again starts the next.
    let mut forms: Vec<Vec<(usize, Vec<Field>)>> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for r in 0..grid.height() {
        let fields = fields_of(grid, r);
        if fields.is_empty() {
            continue;
        }
        let answered = fields.iter().any(|f| !f.value.is_empty());
        // A label with nothing beside it opens no form: a title (整改任务进展情况表) reads
        // like a progress label.
        let open = forms.last().is_some_and(|f| !f.is_empty());
        if !answered && !open {
            continue;
        }
        if forms.is_empty() || fields.iter().any(|f| seen.contains(&f.label)) {
            if !answered {
                continue;
            }
            forms.push(Vec::new());
            seen.clear();
        }
        seen.extend(fields.iter().map(|f| f.label.clone()));
        forms.last_mut()?.push((r, fields));
    }
    // Nor does one end a form: labels left blank after the last answer stay rows of
    // the sheet.
    for form in &mut forms {
        while form
            .last()
            .is_some_and(|(_, f)| f.iter().all(|f| f.value.is_empty()))
        {
            form.pop();
        }
    }
    let names_task = |form: &Vec<(usize, Vec<Field>)>| {
        let kinds: Vec<ColumnKind> = form
            .iter()
            .flat_map(|(_, f)| f.iter().map(|f| f.kind))
            .collect();
        kinds.iter().copied().any(names_the_task) && kinds.iter().copied().any(names_the_answer)
    };
    if !forms.iter().any(names_task) {
        return None;
    }
    // A heading's label row (填报单位 | 区水利局 above the first task) belongs with the
    // form under it: a form naming no task joins the next one.
    let mut merged: Vec<Vec<(usize, Vec<Field>)>> = Vec::new();
    let mut pending: Vec<(usize, Vec<Field>)> = Vec::new();
    for form in forms {
        if names_task(&form) {
            let mut rows = std::mem::take(&mut pending);
            rows.extend(form);
            merged.push(rows);
        } else {
            pending.extend(form);
        }
    }
    // Labels after the last form (填报日期 | …) are its.
    if let Some(last) = merged.last_mut() {
        last.extend(pending);
    }
    let header = merged[0][0].0;
    let row_of = |form: &Vec<(usize, Vec<Field>)>| {
        let answer = form
            .iter()
            .filter(|(_, f)| f.iter().any(|f| names_the_answer(f.kind)))
            .map(|(r, _)| *r)
            .max();
        answer
            .filter(|&r| r > header)
            .or_else(|| form.last().map(|(r, _)| *r).filter(|&r| r > header))
    };
    let rows: Vec<usize> = merged.iter().map(row_of).collect::<Option<_>>()?;
    // The header's columns: each label once, in the order first seen.
    let mut labels: Vec<String> = Vec::new();
    for (_, fields) in merged.iter().flatten() {
        for f in fields {
            if !labels.contains(&f.label) {
                labels.push(f.label.clone());
            }
        }
    }
    let mut table = Grid {
        merges: Vec::new(),
        comments: Vec::new(),
        hidden_cols: Vec::new(),
        ..grid.clone()
    };
    let mut folded = Vec::new();
    for (form, &at) in merged.iter().zip(&rows) {
        let mut row = vec![Cell::Empty; labels.len()];
        for (r, fields) in form {
            for f in fields {
                let c = labels.iter().position(|l| *l == f.label)?;
                if row[c].is_empty() {
                    row[c] = f.value.clone();
                }
            }
            table.rows[*r].clear();
            if *r != at && *r != header {
                folded.push(*r);
            }
        }
        table.rows[at] = row;
    }
    table.rows[header] = labels.into_iter().map(Cell::Text).collect();
    folded.sort_unstable();
    Some(Forms {
        table,
        folded,
        header,
    })
}
