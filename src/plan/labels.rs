//! Units named as labels in a text: a clause opening with a unit's name and a colon
//! (来苏镇：已建成…；宝峰镇：正在推进…), several units before one colon (来苏镇、宝峰镇：
//! 已全部拆除), or a unit in a tag (【来苏镇】已建成…). A lead unit's consolidation writes
//! its partners' progress so; ingest reads such a row as the lead's, and the merge splits
//! it into each unit's part.

use std::borrow::Cow;

use super::units::{NameMatch, UnitDirectory};

/// The longest text before a colon read as a unit's name.
const UNIT_LABEL_CHARS: usize = 20;

/// The longest text before a colon read as a list of units (来苏镇、宝峰镇、双石镇).
const UNIT_LIST_CHARS: usize = 40;

/// Whether `text` holds a colon (full-width or not): two byte searches, where a search
/// for either character decodes every character of a long text.
pub fn has_colon(text: &str) -> bool {
    text.contains('：') || text.contains(':')
}

/// The clauses of a text that open with a label and a colon, each as (the label, the
/// clause, what it says after the colon): what [`unit_clauses`] and [`labelled_parts`]
/// read the label of.
fn colon_clauses<'t>(
    text: &'t str,
    units: &UnitDirectory,
) -> impl Iterator<Item = (&'t str, &'t str, &'t str)> {
    let pieces = if has_colon(text) {
        clause_pieces(text, units)
    } else {
        Vec::new()
    };
    pieces.into_iter().filter_map(|clause| {
        let clause = clause.trim();
        let (who, said) = clause.split_once(['：', ':'])?;
        Some((without_enumerator(who), clause, said))
    })
}

/// A label without the item number it opens with (1.来苏镇, 2、宝峰镇, （3）双石镇, ①来苏镇):
/// a lead's parts numbered (second review c 6: 1.来苏镇：… was no label).
fn without_enumerator(who: &str) -> &str {
    let t = who.trim_start();
    let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits > 0 && digits <= 2 {
        if let Some(rest) = t[digits..].strip_prefix(['.', '．', '、', ')', '）']) {
            return rest.trim_start();
        }
    }
    if let Some(rest) = t.strip_prefix(['（', '(']) {
        if let Some(close) = rest.find(['）', ')']) {
            let n = &rest[..close];
            if !n.is_empty()
                && n.chars().count() <= 2
                && n.chars()
                    .all(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c))
            {
                return rest[close..].trim_start_matches(['）', ')']).trim_start();
            }
        }
    }
    match t.chars().next() {
        Some(c) if ('①'..='⑳').contains(&c) => t[c.len_utf8()..].trim_start(),
        _ => t,
    }
}

/// The clauses of a text that open with a unit's or group's name and a colon (宝峰镇：…；
/// 双石镇：…), each as (the name resolved, the clause, what it says after the colon).
pub fn unit_clauses<'t>(text: &'t str, units: &UnitDirectory) -> Vec<(String, &'t str, &'t str)> {
    colon_clauses(text, units)
        .filter_map(|(who, clause, said)| {
            if who.is_empty() || who.chars().count() > UNIT_LABEL_CHARS {
                return None;
            }
            // A unit by its name alone (not 要求来苏镇, 除来苏镇外其余镇街), or a group.
            match units.resolve(who) {
                NameMatch::Group(name) => Some((name, clause, said)),
                NameMatch::Unit(_) => Some((named_alone(who, units)?, clause, said)),
                _ => None,
            }
        })
        .collect()
}

/// The clauses of a text that open with units' names and a colon, one unit or a list of
/// them (来苏镇、宝峰镇：…), each as (the units, the clause, what it says after the
/// colon). A group (各镇街：) is not a list of units here: it names no unit.
pub fn labelled_parts<'t>(
    text: &'t str,
    units: &UnitDirectory,
) -> Vec<(Vec<String>, &'t str, &'t str)> {
    colon_clauses(text, units)
        .filter_map(|(who, clause, said)| Some((listed_units(who, units)?, clause, said)))
        .collect()
}

/// Words of a label naming more units than it lists (来苏镇等12个镇街, 其余镇街, 各镇街):
/// the unit it opens with is not all it means.
const MORE_THAN_LISTED: [&str; 6] = ["等", "其余", "其他", "其它", "各", "个"];

/// The units a label names: one unit, or two or more listed (来苏镇、宝峰镇, 来苏镇和宝峰镇),
/// each a unit of the directory. `None` for anything else, and for a label naming more
/// units than it lists (来苏镇等12个镇街, 其余镇街).
pub fn listed_units(who: &str, units: &UnitDirectory) -> Option<Vec<String>> {
    let who = who.trim();
    let chars = who.chars().count();
    if who.is_empty() || chars > UNIT_LIST_CHARS || MORE_THAN_LISTED.iter().any(|w| who.contains(w))
    {
        return None;
    }
    if chars <= UNIT_LABEL_CHARS {
        if let Some(name) = named_alone(who, units) {
            return Some(vec![name]);
        }
    }
    let mut names: Vec<String> = Vec::new();
    for piece in who.split(['、', '，', ',', '和', '及']) {
        let name = named_alone(piece, units)?;
        if !names.contains(&name) {
            names.push(name);
        }
    }
    (names.len() >= 2).then_some(names)
}

/// Whether a label names the rest of a group (其他镇街, 其余镇街, 各镇街, 其他单位): the
/// clause after it is the consolidating unit's word on those it does not name, not a
/// unit's own part (adv55 a 1: 其他镇街：正在推进 ran the towns' parts into the lead's).
pub fn names_the_rest(who: &str) -> bool {
    let who = who.trim();
    !who.is_empty()
        && who.chars().count() <= UNIT_LABEL_CHARS
        && MORE_THAN_LISTED.iter().any(|w| who.contains(w))
        && ["镇街", "镇", "街道", "单位", "部门"]
            .iter()
            .any(|w| who.ends_with(w))
}

/// What may stand around a unit's name in a label (重庆市永川区来苏镇人民政府：).
const NAME_PREFIXES: [&str; 3] = ["重庆市", "永川区", "永川"];
const NAME_SUFFIXES: [&str; 4] = ["人民政府", "政府", "街道办事处", "办事处"];

/// The unit `piece` is the name of, and nothing more: its name, an alias or its full
/// name, with at most the district's prefix, a 人民政府 after it, or a bracket. Not a
/// phrase that contains a name (督促来苏镇, 宝峰镇反映, 除来苏镇外其余镇街), which
/// `resolve` reads as that unit.
fn named_alone(piece: &str, units: &UnitDirectory) -> Option<String> {
    let piece = crate::common::text::compact_nfkc(piece);
    let NameMatch::Unit(name) = units.resolve(&piece) else {
        return None;
    };
    let unit = units.unit(&name)?;
    let bare = piece
        .split(['(', '（', '['])
        .next()
        .unwrap_or_default()
        .to_string();
    if bare == unit.full_name {
        return Some(name);
    }
    let mut rest = bare.as_str();
    for p in NAME_PREFIXES {
        rest = rest.strip_prefix(p).unwrap_or(rest);
    }
    // A town written without its 镇 / 街道 (来苏：…, 中山路：…), as towns are most often
    // written short (adv56 a 4: a lead's cell so was not split).
    let stem = (unit.kind == crate::plan::UnitKind::Town)
        .then(|| {
            unit.name
                .strip_suffix("街道")
                .or_else(|| unit.name.strip_suffix('镇'))
        })
        .flatten()
        .filter(|s| s.chars().count() >= 2);
    let names = std::iter::once(unit.name.as_str())
        .chain(unit.aliases.iter().map(String::as_str))
        .chain(stem);
    let after = names
        .filter_map(|n| {
            rest.strip_prefix(n)
                .or_else(|| rest.strip_prefix(n.strip_prefix('区').unwrap_or(n)))
        })
        .min_by_key(|r| r.len())?;
    (after.is_empty() || NAME_SUFFIXES.contains(&after)).then_some(name)
}

/// Whether a label names units: one unit or group, or a list of units.
fn is_unit_label(who: &str, units: &UnitDirectory) -> bool {
    !who.is_empty()
        && !who.contains([' ', '\u{3000}'])
        && (who.chars().count() <= UNIT_LABEL_CHARS
            && matches!(units.resolve(who), NameMatch::Unit(_) | NameMatch::Group(_))
            || listed_units(who, units).is_some())
}

/// A text's clauses: split at 。；; and line breaks, and at a space before a unit's
/// label (来苏镇：已建立清漂队伍 宝峰镇：清漂船正在采购, typed on one line).
pub fn clause_pieces<'t>(text: &'t str, units: &UnitDirectory) -> Vec<&'t str> {
    let mut out = Vec::new();
    for piece in text.split(['；', ';', '\n', '。']) {
        let mut start = 0;
        for (i, c) in piece.char_indices() {
            if !(c == ' ' || c == '\u{3000}') {
                continue;
            }
            let next = i + c.len_utf8();
            let rest = &piece[next..];
            let labelled = rest
                .split_once(['：', ':'])
                .is_some_and(|(who, _)| is_unit_label(who, units));
            if labelled && !piece[start..i].trim().is_empty() {
                out.push(&piece[start..i]);
                start = next;
            }
        }
        out.push(&piece[start..]);
    }
    out
}

/// `text` with each tag naming units (【来苏镇】已建成…【宝峰镇】正在…, as a WPS summary
/// writes them) made a label on a line of its own (来苏镇：已建成…\n宝峰镇：正在…), so
/// that the tagged parts read as labelled ones. Unchanged when no tag names a unit.
pub fn tags_as_labels<'t>(text: &'t str, units: &UnitDirectory) -> Cow<'t, str> {
    if !text.contains('【') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut changed = false;
    while let Some(open) = rest.find('【') {
        let after = &rest[open + '【'.len_utf8()..];
        let Some(close) = after.find('】') else {
            break;
        };
        let who = &after[..close];
        out.push_str(&rest[..open]);
        if listed_units(who, units).is_some() {
            let before = out.trim_end();
            out.truncate(before.len());
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(who.trim());
            out.push('：');
            changed = true;
        } else {
            out.push('【');
            out.push_str(who);
            out.push('】');
        }
        rest = &after[close + '】'.len_utf8()..];
    }
    out.push_str(rest);
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(text)
    }
}

/// How many units a text names in labels (来苏镇：…宝峰镇：…, 来苏镇、宝峰镇：…,
/// 【来苏镇】…【宝峰镇】…), each counted once.
pub fn units_labelled(text: &str, units: &UnitDirectory) -> usize {
    let text = tags_as_labels(text, units);
    distinct_units(&labelled_parts(&text, units))
}

/// How many units labelled parts name, each counted once.
fn distinct_units(parts: &[(Vec<String>, &str, &str)]) -> usize {
    let mut seen: Vec<&str> = Vec::new();
    for name in parts.iter().flat_map(|(names, ..)| names) {
        if !seen.contains(&name.as_str()) {
            seen.push(name);
        }
    }
    seen.len()
}

/// Openers of a sentence in a unit's part of a lead's text that are the lead's own or
/// a group's words (我局已印发…, 其余镇街正在推进), not the unit's.
pub const LEAD_OPENERS: [&str; 17] = [
    "我局",
    "我委",
    "我办",
    "本局",
    "本委",
    "我单位",
    "本单位",
    "我中心",
    "其余",
    "下一步",
    "其他",
    "其它",
    "另有",
    "各镇街",
    "各街镇",
    "全区",
    "总体",
];

/// Whether a text speaks for units other than its writer by label: two or more units
/// labelled (来苏镇：…。宝峰镇：…), or one whose part is followed by a sentence of the
/// writer's or of a group (来苏镇：已完成。其余镇街正在排查。): a lead's words on its
/// partners, each part to be told apart.
pub fn speaks_for_several(text: &str, units: &UnitDirectory) -> bool {
    if !has_colon(text) && !text.contains('【') {
        return false;
    }
    let text = tags_as_labels(text, units);
    let parts = labelled_parts(&text, units);
    match distinct_units(&parts) {
        0 => false,
        1 => {
            let Some((_, first, _)) = parts.first() else {
                return false;
            };
            let at = first.as_ptr() as usize - text.as_ptr() as usize;
            text[..at].trim().is_empty()
                && text[at..]
                    .split(['。', '；', ';', '\n'])
                    .skip(1)
                    .any(|s| LEAD_OPENERS.iter().any(|w| s.trim_start().starts_with(w)))
        }
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units() -> UnitDirectory {
        let src = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("input/units.toml"),
        )
        .unwrap();
        UnitDirectory::from_toml(&src).unwrap()
    }

    #[test]
    fn lists_and_tags_name_units() {
        let u = units();
        assert_eq!(
            listed_units("来苏镇、宝峰镇", &u),
            Some(vec!["来苏镇".to_string(), "宝峰镇".to_string()])
        );
        assert_eq!(listed_units("来苏镇", &u), Some(vec!["来苏镇".to_string()]));
        assert_eq!(listed_units("其余镇街", &u), None);
        assert_eq!(listed_units("来苏镇等3个镇", &u), None);
        assert_eq!(
            tags_as_labels("【来苏镇】已建成2处。【宝峰镇】正在建设", &u),
            "来苏镇：已建成2处。\n宝峰镇：正在建设"
        );
        assert_eq!(tags_as_labels("【说明】见附件", &u), "【说明】见附件");
        assert_eq!(
            units_labelled("来苏镇、宝峰镇：已全部拆除。双石镇：正在协调拆除1处。", &u),
            3
        );
        assert_eq!(units_labelled("来苏镇：已拆除2处。", &u), 1);
        assert_eq!(
            units_labelled("【来苏镇】已拆除2处【宝峰镇】正在拆除", &u),
            2
        );
        assert_eq!(units_labelled("已拆除2处，时间：12月", &u), 0);
        assert!(speaks_for_several("来苏镇：已完成。其余镇街正在排查。", &u));
        assert!(speaks_for_several("来苏镇：已完成。宝峰镇：正在推进。", &u));
        assert!(!speaks_for_several("来苏镇：已完成拆除。河道已恢复。", &u));
        assert!(!speaks_for_several("我局已排查。来苏镇：已完成。", &u));
        // A phrase holding a name is no label of it.
        for not_a_label in [
            "督促来苏镇、宝峰镇",
            "宝峰镇反映",
            "要求来苏镇",
            "除来苏镇外其余镇街",
        ] {
            assert_eq!(listed_units(not_a_label, &u), None, "{not_a_label}");
        }
        assert_eq!(
            listed_units("重庆市永川区来苏镇人民政府", &u),
            Some(vec!["来苏镇".to_string()])
        );
        assert_eq!(
            listed_units("来苏镇（盖章）", &u),
            Some(vec!["来苏镇".to_string()])
        );
    }
}
