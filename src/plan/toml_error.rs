//! A TOML syntax or shape error of plan.toml / units.toml in Chinese: the line, what is
//! wrong in words a clerk knows, and how to write it. The commonest mistake, a Chinese
//! (full-width) comma, equals sign, quote or bracket typed outside the quotes, is named
//! with the characters found.

/// The 1-based line of the error and its Chinese message.
pub(super) fn describe(src: &str, e: &toml::de::Error) -> (Option<usize>, String) {
    let Some(span) = e.span() else {
        return (None, format!("格式错误：{}", what(e.message())));
    };
    let start = span.start.min(src.len());
    let line_no = src[..start].matches('\n').count() + 1;
    let line = src.lines().nth(line_no - 1).unwrap_or("").trim();
    let wide = full_width_outside_quotes(line);
    let message = if wide.is_empty() {
        what(e.message())
    } else {
        let shown: Vec<String> = wide.iter().map(char::to_string).collect();
        format!(
            "这一行有中文（全角）标点 {} 。文件中的逗号、等号、引号和方括号要用英文（半角）标点 , = \" [ ]，中文只写在英文双引号里面",
            shown.join(" ")
        )
    };
    let mut text = format!("格式错误：{message}");
    if !line.is_empty() {
        let shown: String = line.chars().take(60).collect();
        let more = if line.chars().count() > 60 { "…" } else { "" };
        text.push_str(&format!("（该行：{shown}{more}）"));
    }
    (Some(line_no), text)
}

/// Full-width punctuation outside ASCII double quotes (inside, it is data), each once,
/// in order of appearance.
fn full_width_outside_quotes(line: &str) -> Vec<char> {
    let mut found = Vec::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            '#' if !quoted => break,
            '，' | '、' | '＝' | '“' | '”' | '‘' | '’' | '＂' | '［' | '］' | '【' | '】'
            | '｛' | '｝' | '：' | '；'
                if !quoted && !found.contains(&c) =>
            {
                found.push(c)
            }
            _ => {}
        }
    }
    found
}

/// toml's message (English) as what the clerk should do.
fn what(message: &str) -> String {
    let first = message.lines().next().unwrap_or("");
    let quoted = |m: &str| -> Vec<String> {
        m.split('`')
            .enumerate()
            .filter(|(i, _)| i % 2 == 1)
            .map(|(_, s)| s.to_string())
            .collect()
    };
    let names = quoted(message);
    let name = names.first().cloned().unwrap_or_default();
    if first.starts_with("invalid array") {
        "方括号 [ ] 里的列表写法有误：每一项用英文双引号括起来，项与项之间用英文逗号“,”隔开，最后以“]”结束（如 aliases = [\"区农委\", \"农委\"]）".into()
    } else if first.starts_with("invalid string") || first.starts_with("invalid basic string") {
        "文字要用英文双引号括起来，并在同一行内结束（如 name = \"区水利局\"）".into()
    } else if first.starts_with("invalid table header") {
        "节的标题（如 [[unit]]、[contact]）要用英文方括号，并且成对".into()
    } else if first.starts_with("invalid key") || first.starts_with("expected `.`, `=`") {
        "每行应写成“项名 = 值”：项名用英文字母（如 name），等号用英文“=”".into()
    } else if first.starts_with("unknown field") {
        let allowed = names.get(1..).unwrap_or(&[]).join("、");
        format!("不认识的项“{name}”（可用的项：{allowed}），请检查拼写")
    } else if first.starts_with("missing field") {
        format!("缺少必填的项“{name}”")
    } else if first.starts_with("duplicate key") {
        format!("项“{name}”重复出现，请删除多余的一行")
    } else if let Some(rest) = first.strip_prefix("invalid type: ") {
        let expected = rest.rsplit_once("expected ").map_or("", |(_, e)| e);
        format!("值的类型不对：这里应写{}", kind_word(expected))
    } else if first.starts_with("invalid value") || first.starts_with("input contains invalid") {
        "值无效（日期写成 \"2020-12-10\"，数字不加引号）".into()
    } else {
        "写法不符合格式要求，请对照文件中其他项的写法改正".into()
    }
}

fn kind_word(expected: &str) -> &'static str {
    if expected.contains("sequence") {
        "列表（如 [\"甲\", \"乙\"]）"
    } else if expected.contains("string") || expected.contains("date") {
        "用英文双引号括起来的文字"
    } else if expected.contains("bool") {
        "true 或 false"
    } else if ["u8", "u16", "u32", "u64", "usize", "i32", "i64", "integer"]
        .iter()
        .any(|k| expected.contains(k))
    {
        "不加引号的整数"
    } else if expected.contains("f64") || expected.contains("float") {
        "不加引号的数字"
    } else {
        "另一种值，请对照文件中其他项的写法"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Unit {
        name: String,
        aliases: Option<Vec<String>>,
        n: Option<u32>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct File {
        unit: Vec<Unit>,
    }

    fn said(src: &str) -> (Option<usize>, String) {
        let e = toml::from_str::<File>(src).unwrap_err();
        describe(src, &e)
    }

    #[test]
    fn a_full_width_comma_is_named_with_its_line() {
        let (line, m) = said("[[unit]]\nname = \"区农委（盖章）\"\naliases = [\"x\"，\"y\"]\n");
        assert_eq!(line, Some(3));
        assert!(m.contains("中文（全角）标点 ， 。"), "{m}");
        assert!(m.contains("（该行：aliases = [\"x\"，\"y\"]）"), "{m}");
        // Full-width brackets inside the quotes are data, not a mistake.
        assert!(full_width_outside_quotes("name = \"区农委（盖章），\"").is_empty());
        let (_, m) = said("[[unit]]\nname = “区农委”\n");
        assert!(m.contains("标点 “ ” 。"), "{m}");
    }

    #[test]
    fn other_mistakes_say_what_to_write() {
        let cases = [
            (
                "[[unit]]\nname = \"a\"\naliases = [\"x\" \"y\"]\n",
                3,
                "英文逗号",
            ),
            ("[[unit]]\nname = a\n", 2, "英文双引号"),
            (
                "[[unit]]\nnam = \"a\"\n",
                2,
                "不认识的项“nam”（可用的项：name、aliases、n）",
            ),
            ("[[unit]]\nn = 1\n", 1, "缺少必填的项“name”"),
            (
                "[[unit]]\nname = \"a\"\nname = \"b\"\n",
                3,
                "项“name”重复出现",
            ),
            ("[[unit]]\nname = \"a\"\nn = \"5\"\n", 3, "不加引号的整数"),
            ("[[unit]]\nname = \"a\"\naliases = \"x\"\n", 3, "列表"),
            ("[[unit]\nname = \"a\"\n", 1, "英文方括号"),
        ];
        for (src, line, want) in cases {
            let (l, m) = said(src);
            assert_eq!(l, Some(line), "{src}: {m}");
            assert!(m.contains(want), "{src}: want {want} in {m}");
            assert!(!m.contains("expected") && !m.contains("invalid"), "{m}");
        }
    }
}
