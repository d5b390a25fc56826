//! Matching a return row's measure text (具体举措) to the plan's measures.
//!
//! Units copy the measure, abbreviate it, truncate it or paste only its first sentence,
//! so the score combines three signals on normalised text (NFKC, no whitespace, no
//! punctuation):
//! - Dice over character bigrams (multiset), for edited copies;
//! - exact containment (one text inside the other), for truncations and additions;
//! - bigram coverage of the shorter text by the longer (a fuzzy containment), for
//!   truncated copies that were also lightly edited.
//!
//! Character counts, not bytes: `strsim::sorensen_dice` divides by bytes and is wrong for
//! CJK text.

use std::collections::HashMap;
use unicode_normalization::UnicodeNormalization;

/// NFKC, lower-case ASCII, then keep only letters and digits (CJK ideographs included):
/// whitespace and all punctuation (“”《》、，。；：（）() …) are dropped.
pub fn normalise_for_match(s: &str) -> String {
    s.nfkc()
        .filter(|c| c.is_alphanumeric())
        .flat_map(|c| c.to_lowercase())
        .collect()
}

/// Multiset of character n-grams of already-normalised text.
fn grams(chars: &[char], n: usize) -> HashMap<&[char], usize> {
    let mut m = HashMap::new();
    for w in chars.windows(n) {
        *m.entry(w).or_insert(0) += 1;
    }
    m
}

fn intersection(a: &HashMap<&[char], usize>, b: &HashMap<&[char], usize>) -> usize {
    a.iter()
        .map(|(k, &ca)| ca.min(b.get(k).copied().unwrap_or(0)))
        .sum()
}

/// Dice coefficient over character bigrams (multiset) of normalised texts, 0..=1.
/// When either text has a single character, unigrams are compared instead. Empty text
/// scores 0.
fn dice_chars(a: &[char], b: &[char]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let n = if a.len() < 2 || b.len() < 2 { 1 } else { 2 };
    let (ga, gb) = (grams(a, n), grams(b, n));
    let total = (a.len() + 1 - n) + (b.len() + 1 - n);
    2.0 * intersection(&ga, &gb) as f64 / total as f64
}

/// Shortest text (in characters, normalised) trusted for containment signals: shorter
/// fragments (污水处理, 开展自查) occur in many measures.
const MIN_CONTAINED_CHARS: usize = 8;

/// Similarity of a row's text to a plan measure, 0..=1 (see the module notes).
pub fn match_score(query: &str, measure: &str) -> f64 {
    let q: Vec<char> = normalise_for_match(query).chars().collect();
    let m: Vec<char> = normalise_for_match(measure).chars().collect();
    score_chars(&q, &m)
}

fn score_chars(q: &[char], m: &[char]) -> f64 {
    let dice = dice_chars(q, m);
    let (short, long) = if q.len() <= m.len() { (q, m) } else { (m, q) };
    if short.len() < MIN_CONTAINED_CHARS {
        return dice;
    }
    let ratio = short.len() as f64 / long.len() as f64;
    // Exact containment: high, and a little higher the more of the longer text it covers.
    let contained = long.windows(short.len()).any(|w| w == short);
    let containment = if contained { 0.85 + 0.15 * ratio } else { 0.0 };
    // Fuzzy containment: share of the shorter text's bigrams found in the longer one,
    // scaled below exact containment.
    let (gs, gl) = (grams(short, 2), grams(long, 2));
    let coverage = intersection(&gs, &gl) as f64 / (short.len() - 1) as f64;
    let fuzzy = 0.8 * coverage + 0.05 * ratio;
    dice.max(containment).max(fuzzy)
}

/// Result of matching a text against the plan's measures.
#[derive(Debug, Clone, PartialEq)]
pub enum MatchOutcome {
    /// One measure fits well and clearly better than any other.
    Clear { id: u32, score: f64, runner_up: f64 },
    /// Several measures fit about equally well (best first).
    Ambiguous { candidates: Vec<(u32, f64)> },
    /// Nothing fits well enough; the best candidate, if any, for diagnostics.
    NoMatch { best: Option<(u32, f64)> },
}

// Thresholds, measured against the 63 measures of input/tasks.csv (see the tests):
// - a measure against itself: 1.0; best other measure ≤ 0.79 (37 vs 38, which differ only
//   by 双石/石庙), then 0.65 (30 vs 31), every other pair ≤ 0.47;
// - first sentence: score ≥ 0.876, margin ≥ 0.207; first 15 characters: score ≥ 0.863,
//   margin ≥ 0.184 (16 vs 17 the closest); every sixth character dropped: score ≥ 0.696,
//   margin ≥ 0.193;
// - unrelated sentences ≤ 0.27; "污水处理厂" (too short for containment) 0.57;
// - shared wording: 开展自查，立行立改 scores 0.89 (24) and 0.87 (27); 制定整改措施，解决
//   污水溢流问题 0.92 against both 37 and 38.
// So a winner needs ≥ 0.6 and a margin of ≥ 0.1; within 0.1 of the best is ambiguous.

/// A winner must score at least this much.
pub const CLEAR_MIN_SCORE: f64 = 0.6;
/// … and beat the runner-up by at least this much.
pub const CLEAR_MIN_MARGIN: f64 = 0.1;
/// `same_task` accepts a text scoring at least this much against the measure.
pub const SAME_TASK_MIN_SCORE: f64 = 0.5;

/// Match `query` against `(id, measure)` candidates.
pub fn best_match(query: &str, candidates: &[(u32, &str)]) -> MatchOutcome {
    let q: Vec<char> = normalise_for_match(query).chars().collect();
    if q.is_empty() || candidates.is_empty() {
        return MatchOutcome::NoMatch { best: None };
    }
    let mut scored: Vec<(u32, f64)> = candidates
        .iter()
        .map(|(id, m)| {
            let m: Vec<char> = normalise_for_match(m).chars().collect();
            (*id, score_chars(&q, &m))
        })
        .collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    // A short phrase copied word for word (做实“一河一长”制: 7 characters, below the
    // containment length) that stands in exactly one measure is a clear match too.
    if q.len() >= MIN_EXACT_PHRASE_CHARS && q.len() < MIN_CONTAINED_CHARS {
        let holders: Vec<u32> = candidates
            .iter()
            .filter(|(_, m)| {
                contains_chars(&normalise_for_match(m).chars().collect::<Vec<_>>(), &q)
            })
            .map(|(id, _)| *id)
            .collect();
        if let [only] = holders[..] {
            let runner_up = scored.iter().find(|(i, _)| *i != only).map_or(0.0, |s| s.1);
            return MatchOutcome::Clear {
                id: only,
                score: EXACT_PHRASE_SCORE,
                runner_up,
            };
        }
    }
    let (id, score) = scored[0];
    let runner_up = scored.get(1).map_or(0.0, |s| s.1);
    if score < CLEAR_MIN_SCORE {
        return MatchOutcome::NoMatch {
            best: Some((id, score)),
        };
    }
    if score - runner_up >= CLEAR_MIN_MARGIN {
        return MatchOutcome::Clear {
            id,
            score,
            runner_up,
        };
    }
    let candidates = scored
        .into_iter()
        .take_while(|(_, s)| score - s < CLEAR_MIN_MARGIN)
        .collect();
    MatchOutcome::Ambiguous { candidates }
}

/// Whether a row's measure text plausibly refers to `measure` (to check a 序号 against
/// the text beside it). Near-identical measures (tasks 37 and 38) both pass: use
/// `best_match` to tell them apart.
pub fn same_task(query: &str, measure: &str) -> bool {
    let q: Vec<char> = normalise_for_match(query).chars().collect();
    if q.len() >= MIN_EXACT_PHRASE_CHARS
        && contains_chars(
            &normalise_for_match(measure).chars().collect::<Vec<_>>(),
            &q,
        )
    {
        return true;
    }
    match_score(query, measure) >= SAME_TASK_MIN_SCORE
}

/// Shortest phrase that counts when copied word for word into exactly one measure.
pub const MIN_EXACT_PHRASE_CHARS: usize = 5;
/// The score given to such a phrase.
pub const EXACT_PHRASE_SCORE: f64 = 0.85;

fn contains_chars(long: &[char], short: &[char]) -> bool {
    !short.is_empty() && short.len() <= long.len() && long.windows(short.len()).any(|w| w == short)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_short_phrase_in_one_measure_only_is_clear() {
        let c = [
            (56, "做实“一河一长”制,强化工作责任。"),
            (7, "依法调查未批在建的正绿农产品有限公司。"),
            (9, "健全部门联动执法机制,严格监管执法。"),
        ];
        assert!(matches!(
            super::best_match("做实“一河一长”制", &c),
            super::MatchOutcome::Clear { id: 56, .. }
        ));
        assert!(super::same_task("做实“一河一长”制", c[0].1));
        assert!(
            !matches!(
                super::best_match("执法机制", &c),
                super::MatchOutcome::Clear { .. }
            ),
            "4 characters is too short"
        );
    }

    use super::*;

    /// [`dice_chars`] of two texts, normalised.
    fn bigram_dice(a: &str, b: &str) -> f64 {
        let a: Vec<char> = normalise_for_match(a).chars().collect();
        let b: Vec<char> = normalise_for_match(b).chars().collect();
        dice_chars(&a, &b)
    }

    fn plan() -> Vec<(u32, String)> {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/input/tasks.csv");
        let mut rd = csv::Reader::from_path(path).expect("input/tasks.csv");
        rd.records()
            .map(|r| {
                let r = r.unwrap();
                (r[0].parse().unwrap(), r[2].to_string())
            })
            .collect()
    }

    fn first_sentence(s: &str) -> String {
        let cut = s
            .char_indices()
            .find(|(_, c)| matches!(c, '。' | '；' | ';'))
            .map_or(s.len(), |(i, _)| i);
        s[..cut].to_string()
    }

    fn prefix(s: &str, n: usize) -> String {
        s.chars().take(n).collect()
    }

    fn candidates(plan: &[(u32, String)]) -> Vec<(u32, &str)> {
        plan.iter().map(|(i, m)| (*i, m.as_str())).collect()
    }

    fn assert_clear(q: &str, want: u32, cands: &[(u32, &str)]) {
        match best_match(q, cands) {
            MatchOutcome::Clear { id, .. } => assert_eq!(id, want, "{q}"),
            other => panic!("{q}: expected Clear({want}), got {other:?}"),
        }
    }

    fn assert_ambiguous(q: &str, want: &[u32], cands: &[(u32, &str)]) {
        match best_match(q, cands) {
            MatchOutcome::Ambiguous { candidates } => {
                let mut ids: Vec<u32> = candidates.iter().map(|c| c.0).collect();
                ids.sort();
                assert_eq!(ids, want, "{q}");
            }
            other => panic!("{q}: expected Ambiguous({want:?}), got {other:?}"),
        }
    }

    #[test]
    fn normalisation() {
        assert_eq!(
            normalise_for_match(" 做实“一河一长”制，强化《工作》责任；(试点)、１２Ａ。"),
            "做实一河一长制强化工作责任试点12a"
        );
        assert_eq!(normalise_for_match("生猪屠宰厂（场）"), "生猪屠宰厂场");
        assert_eq!(normalise_for_match("——/ \n"), "");
    }

    #[test]
    fn dice_basics() {
        assert_eq!(bigram_dice("污水处理", "污水处理"), 1.0);
        assert_eq!(bigram_dice("污水处理。", " 污水，处理"), 1.0);
        assert_eq!(bigram_dice("污水处理", "河道清淤"), 0.0);
        assert_eq!(bigram_dice("", ""), 0.0);
        assert_eq!(bigram_dice("污", ""), 0.0);
        // Single characters compare unigrams.
        assert_eq!(bigram_dice("污", "污"), 1.0);
        assert_eq!(bigram_dice("污", "污水"), 2.0 / 3.0);
        // Multiset: {aa:2} vs {aa:1}.
        assert!((bigram_dice("aaa", "aa") - 2.0 / 3.0).abs() < 1e-12);
        // Characters, not bytes: 3 shared bigrams of 3 and 4.
        assert!((bigram_dice("污水处理", "污水处理厂") - 6.0 / 7.0).abs() < 1e-12);
        let v = bigram_dice("查找双石污水处理厂", "查找石庙污水处理站");
        assert!(v > 0.0 && v < 1.0);
    }

    #[test]
    fn containment_scores_high() {
        let m = "查找双石污水处理厂污水溢流原因,制定整改措施,解决污水溢流问题。";
        assert!(match_score("查找双石污水处理厂污水溢流原因", m) > 0.85);
        assert!(match_score(&format!("{m}（牵头单位：区住房城乡建委）"), m) > 0.85);
        assert_eq!(match_score(m, m), 1.0);
        // Short fragments get no containment bonus.
        assert!(match_score("污水溢流", m) < CLEAR_MIN_SCORE);
    }

    #[test]
    fn every_measure_matches_itself_clearly() {
        let plan = plan();
        assert_eq!(plan.len(), 63);
        let cands = candidates(&plan);
        for (id, m) in &plan {
            assert_clear(m, *id, &cands);
        }
    }

    #[test]
    fn first_sentence_and_prefix_match_clearly() {
        let plan = plan();
        let cands = candidates(&plan);
        for (id, m) in &plan {
            assert_clear(&first_sentence(m), *id, &cands);
            assert_clear(&prefix(m, 15), *id, &cands);
        }
    }

    #[test]
    fn edited_copies_match_clearly() {
        let plan = plan();
        let cands = candidates(&plan);
        for (id, m) in &plan {
            // Every sixth character dropped, punctuation changed, a note appended.
            let dropped: String = m
                .chars()
                .enumerate()
                .filter(|(i, _)| i % 6 != 5)
                .map(|(_, c)| c)
                .collect();
            assert_clear(&dropped, *id, &cands);
            let respaced = m.replace(',', "，").replace('。', "") + "（已完成）";
            assert_clear(&respaced, *id, &cands);
        }
        assert_clear("查找双石污水处理厂溢流原因", 37, &cands);
        assert_clear("石庙污水处理站污水溢流整改", 38, &cands);
        assert_clear("加快产业结构调整和布局优化", 12, &cands);
        assert_clear("工业园区加大巡查力度，杜绝厂中厂违法排污", 13, &cands);
    }

    #[test]
    fn shared_wording_is_ambiguous() {
        let plan = plan();
        let cands = candidates(&plan);
        assert_ambiguous("开展自查，立行立改", &[24, 27], &cands);
        assert_ambiguous("开展自查,立行立改,恢复河道原状", &[24, 27], &cands);
        assert_ambiguous("制定整改措施，解决污水溢流问题", &[37, 38], &cands);
        assert_ambiguous(
            "查找污水处理厂（站）污水溢流原因，制定整改措施，解决污水溢流问题。",
            &[37, 38],
            &cands,
        );
    }

    #[test]
    fn unrelated_text_matches_nothing() {
        let plan = plan();
        let cands = candidates(&plan);
        for q in [
            "加强安全生产监管，开展消防安全检查。",
            "推进全民健身设施建设",
            "见附件",
            "详见附件3",
            "已完成",
            "污水处理厂",
            "工业园区",
            "",
            "，。；",
        ] {
            match best_match(q, &cands) {
                MatchOutcome::NoMatch { .. } => {}
                other => panic!("{q}: expected NoMatch, got {other:?}"),
            }
        }
        assert_eq!(best_match("", &cands), MatchOutcome::NoMatch { best: None });
        assert_eq!(
            best_match("污水", &[]),
            MatchOutcome::NoMatch { best: None }
        );
    }

    #[test]
    fn single_candidate_has_zero_runner_up() {
        let m = "完成城南污水处理厂建设。";
        assert_eq!(
            best_match(m, &[(42, m)]),
            MatchOutcome::Clear {
                id: 42,
                score: 1.0,
                runner_up: 0.0
            }
        );
    }

    #[test]
    fn same_task_checks() {
        let plan = plan();
        // Pairs of distinct measures that score above SAME_TASK_MIN_SCORE against each
        // other (measured: 37/38 0.79, 30/31 0.65; every other pair <= 0.47).
        let close = [(30, 31), (37, 38)];
        for (a, ma) in &plan {
            assert!(same_task(ma, ma));
            assert!(same_task(&first_sentence(ma), ma), "{a}");
            assert!(same_task(&prefix(ma, 15), ma), "{a}");
            for (b, mb) in &plan {
                if a < b {
                    let expected = close.contains(&(*a, *b));
                    assert_eq!(same_task(ma, mb), expected, "{a} vs {b}");
                }
            }
        }
        assert!(!same_task("见附件", &plan[0].1));
    }
}
