//! Words saying nothing changed since the last report (同上月, 同上期, 无新进展, 与11月报送
//! 内容一致): read by the merge for a later return that repeats an earlier one, and by a
//! sheet's 本期 column beside 上期 (`sheet::layout::Layout::for_row`).

/// Progress that says only that nothing changed since the last report: 同上月, 同上期,
/// 与上月相同, 无新进展, 本月无新进展，同上月. The text as written, on one line.
pub(crate) fn says_same_as_before(progress: &str) -> Option<String> {
    const SAID: &[&str] = &[
        "同上月",
        "同上期",
        "同上次",
        "同上一期",
        "同上月报送",
        "同上月情况",
        "进展同上月",
        "情况同上月",
        "与上月相同",
        "与上期相同",
        "与上月一致",
        "与上期一致",
        "无新进展",
        "暂无新进展",
        "本月无新进展",
        "本期无新进展",
        "无新进展同上月",
        "本月无新进展同上月",
        "无新进展同上期",
        "无变化同上月",
        "无变化",
        "与上月报送内容一致",
        "与上月报送内容相同",
        "与上月报送一致",
        "与上期报送内容一致",
        "与上次报送内容一致",
        "与上次报送一致",
        "同上月报送内容",
    ];
    // Every phrase is short: a longer text says something.
    if progress.len() > SAME_AS_BEFORE_BYTES {
        return None;
    }
    let key: String = progress
        .chars()
        .filter(|c| !c.is_whitespace() && !"，。、；：,.;:！!（）()".contains(*c))
        .collect();
    // 与11月报送内容一致, 同十一月: a month named for 上月.
    let key = month_as_last(&key);
    SAID.contains(&key.as_str()).then(|| {
        crate::common::text::one_line(progress)
            .trim_end_matches(['。', '.'])
            .to_string()
    })
}

/// The longest text read as saying nothing changed (a phrase of a dozen characters
/// with spaces and punctuation around it).
const SAME_AS_BEFORE_BYTES: usize = 96;

/// `key` with a month named by its number (11月, 十一月, 11月份) read as 上月: the return
/// before, as 与上月… says it.
fn month_as_last(key: &str) -> String {
    let numeral = crate::common::numerals::is_numeral;
    let chars: Vec<char> = key.chars().collect();
    let mut out = String::with_capacity(key.len());
    let mut i = 0;
    while i < chars.len() {
        if numeral(chars[i]) {
            let start = i;
            while i < chars.len() && numeral(chars[i]) {
                i += 1;
            }
            if chars.get(i) == Some(&'月') {
                out.push_str("上月");
                i += 1;
                if chars.get(i) == Some(&'份') {
                    i += 1;
                }
                continue;
            }
            out.extend(&chars[start..i]);
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}
