//! Property tests: unit-name resolution, status words, dates and text sanitising hold
//! for generated variants, and never panic on arbitrary input.

mod common;

use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;
use rectify::classify_status;
use rectify::common::dates::{find_date_in_text, parse_date_text};
use rectify::common::text::{is_xml_char, sanitize};
use rectify::model::Status;
use rectify::plan::NameMatch;

fn to_full_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap(),
            _ => c,
        })
        .collect()
}

/// Insert whitespace (space, newline, full-width space) after some characters.
fn sprinkle(s: &str, mask: &[u8]) -> String {
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        out.push(c);
        match mask.get(i).copied().unwrap_or(0) % 7 {
            1 => out.push(' '),
            2 => out.push('\n'),
            3 => out.push('\u{3000}'),
            _ => {}
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn every_unit_resolves_however_it_is_decorated(
        idx in 0usize..52,
        use_full in any::<bool>(),
        prefix in prop::sample::select(vec!["", "重庆市", "永川区", "重庆市永川区"]),
        suffix in prop::sample::select(vec!["", "（盖章）", "(盖章)", "（公章）", " "]),
        mask in prop::collection::vec(any::<u8>(), 0..40),
    ) {
        let plan = common::plan();
        let unit = &plan.units.units()[idx];
        let base = if use_full && !unit.full_name.is_empty() { unit.full_name.clone() } else { unit.name.clone() };
        // A prefix only where the name does not carry one already.
        let base = if base.starts_with("重庆") || base.starts_with("中共") { base } else { format!("{prefix}{base}") };
        let written = sprinkle(&format!("{base}{suffix}"), &mask);
        prop_assert_eq!(plan.units.resolve(&written), NameMatch::Unit(unit.name.clone()), "{:?}", written);
    }

    #[test]
    fn resolution_never_panics_and_never_invents(s in "\\PC{0,30}") {
        let plan = common::plan();
        match plan.units.resolve(&s) {
            NameMatch::Unit(u) => prop_assert!(plan.units.unit(&u).is_some()),
            NameMatch::Ambiguous(c) => prop_assert!(c.len() >= 2),
            NameMatch::Group(g) => prop_assert!(plan.units.group(&g).is_some()),
            NameMatch::Unknown => {}
        }
    }

    #[test]
    fn status_words_survive_spacing_and_punctuation(
        idx in 0usize..19,
        lead in prop::sample::select(vec!["", " ", "\u{3000}", "\n"]),
        tail in prop::sample::select(vec!["", "。", " ", "；", "\n"]),
    ) {
        let words: [(&str, Status); 19] = [
            ("已完成", Status::Completed), ("已办结", Status::Completed), ("已整改到位", Status::Completed),
            ("已销号", Status::Completed), ("已验收销号", Status::Completed), ("已完成并长期坚持", Status::Completed),
            ("长期坚持", Status::Ongoing), ("持续推进", Status::Ongoing), ("常态化推进", Status::Ongoing),
            ("持续整改", Status::Ongoing), ("正在推进", Status::InProgress), ("推进中", Status::InProgress),
            ("正在整改", Status::InProgress), ("按序时推进", Status::InProgress), ("基本完成", Status::InProgress),
            ("未启动", Status::NotStarted), ("尚未开展", Status::NotStarted), ("未开展", Status::NotStarted),
            ("详见附件3", Status::Unclear),
        ];
        let (w, st) = words[idx];
        prop_assert_eq!(classify_status(&format!("{lead}{w}{tail}")), st);
    }

    #[test]
    fn a_negated_completion_is_never_completed(
        neg in prop::sample::select(vec!["未", "尚未", "没有", "未能"]),
        word in prop::sample::select(vec!["完成", "办结", "整改到位", "销号"]),
    ) {
        prop_assert_ne!(classify_status(&format!("{neg}{word}")), Status::Completed);
    }

    #[test]
    fn status_classification_never_panics(s in "\\PC{0,40}") {
        let _ = classify_status(&s);
    }

    #[test]
    fn every_written_date_form_reads_back(days in 0i64..40_000, form in 0usize..8, full_width in any::<bool>()) {
        let d = NaiveDate::from_ymd_opt(1990, 1, 1).unwrap() + chrono::Duration::days(days);
        let (y, m, day) = (d.year(), d.month(), d.day());
        let text = match form {
            0 => format!("{y}年{m}月{day}日"),
            1 => format!("{y}.{m}.{day}"),
            2 => format!("{y}-{m}-{day}"),
            3 => format!("{y}/{m}/{day}"),
            4 => format!("{y}{m:02}{day:02}"),
            5 => format!("{y}年{m:02}月{day:02}日"),
            6 => format!("{m}月{day}日"),
            _ => format!(" {y}-{m:02}-{day:02} "),
        };
        let text = if full_width { to_full_width(&text) } else { text };
        prop_assert_eq!(parse_date_text(&text, Some(y)), Some(d), "{:?}", text);
    }

    #[test]
    fn date_parsing_never_panics(s in "\\PC{0,30}") {
        let _ = parse_date_text(&s, Some(2020));
        let _ = find_date_in_text(&s, Some(2020));
    }

    #[test]
    fn sanitize_keeps_text_and_drops_only_what_xml_cannot_hold(s in any::<String>()) {
        let out = sanitize(&s);
        prop_assert!(out.chars().all(|c| is_xml_char(c) && (c == '\n' || c == '\t' || !c.is_control())));
        let expected: String = s
            .replace("\r\n", "\n")
            .chars()
            .map(|c| if c == '\r' { '\n' } else { c })
            .filter(|&c| c == '\n' || c == '\t' || (is_xml_char(c) && !c.is_control()))
            .collect();
        prop_assert_eq!(out, expected);
    }
}
