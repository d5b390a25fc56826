//! The block language: what a report template produces (documented in docs/blocks.md).
//!
//! Line-oriented. A block starts a line with `@keyword`, a space and its text; a line
//! that does not start with `@` continues the text of the block before it (joined with
//! nothing, as Chinese text is). Blank lines separate nothing and are ignored. Inside
//! text, `\\` is a backslash, `\n` a line break, `\t` a tab and `\@` an `@`.
//!
//! Text from returns enters through [`escape`] (the templates' auto-escape function), so
//! it can never start a block: its newlines become `\n`, its `@` becomes `\@`.

use std::fmt;

/// One block of the report.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub enum Block {
    /// `@title`: a title line, centred, 2号 title font. Several lines make one title.
    Title(String),
    /// `@to`: 主送 line, flush left.
    To(String),
    /// `@h1` … `@h4`: headings 一、 （一） 1. （1）, numbers typed by the template.
    Heading(u8, String),
    /// `@p`: a body paragraph with a first-line indent of two characters.
    Para(String),
    /// `@annex`: 附件说明 line (附件：…), indented two characters.
    Annex(String),
    /// `@signature`: 署名, centred over the date.
    Signature(String),
    /// `@date`: 成文日期, right-aligned four characters from the margin.
    Date(String),
    /// `@blank`: an empty line.
    Blank,
    /// `@pagebreak`: continue on a new page.
    PageBreak,
    /// `@landscape`: end the portrait section; what follows is on landscape pages.
    Landscape,
    /// `@portrait`: end the landscape section; what follows is on portrait pages again
    /// (a text attachment after a landscape table).
    Portrait,
    /// `@attachment`: the 附件 label, top left, heading-1 font.
    Attachment(String),
    /// `@attachment-title`: the attachment's title, centred, 2号 title font.
    AttachmentTitle(String),
    /// `@table NAME`: a table built by the renderer from the ledger (only `tasks`).
    Table(TableKind),
    /// `@masthead`: the red 发文机关标志 of the 版头, centred.
    Masthead(String),
    /// `@docnum`: 发文字号, or 发文字号 `\t` 签发人 (an upward document), over the red
    /// separator line.
    DocNumber(String),
    /// `@cc`: the 抄送 line of the 版记.
    Cc(String),
    /// `@imprint`: 印发机关 `\t` 印发日期 of the 版记. The 版记 (every `@cc` and
    /// `@imprint`) closes the document: at the foot of its last, even page.
    Imprint(String),
}

/// The tables a template can place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum TableKind {
    /// The ledger of all tasks (the attachment).
    Tasks,
}

/// A line the parser could not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockError {
    /// 1-based line of the rendered template output.
    pub line: usize,
    pub message: String,
}

impl fmt::Display for BlockError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "模板输出第{}行：{}", self.line, self.message)
    }
}

impl std::error::Error for BlockError {}

/// Escape text for the block language: `\` `@` newline and tab become escapes, a carriage
/// return is dropped before a newline and otherwise read as one.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            '@' => out.push_str("\\@"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out
}

/// The tera escape function: [`escape`] written to the output.
pub fn escape_to(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    out.write_all(escape(input).as_bytes())
}

/// Undo [`escape`]. An unknown escape keeps its character (`\x` → `x`); a lone
/// trailing backslash is kept.
pub fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// Parse the rendered template into blocks.
pub fn parse(src: &str) -> Result<Vec<Block>, BlockError> {
    let mut blocks: Vec<Block> = Vec::new();
    for (i, raw) in src.lines().enumerate() {
        let line = i + 1;
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            continue;
        }
        let Some(rest) = trimmed.strip_prefix('@') else {
            // A continuation of the previous block's text.
            let text = unescape(trimmed);
            match blocks.last_mut().and_then(block_text_mut) {
                Some(t) => t.push_str(&text),
                None => {
                    return Err(BlockError {
                        line,
                        message: format!(
                            "“{}”前面没有可以接续的段落，每个段落须以 @p、@h1 等开头",
                            crate::common::text::excerpt(trimmed, 20)
                        ),
                    })
                }
            }
            continue;
        };
        let (keyword, text) = match rest.find(char::is_whitespace) {
            Some(pos) => (&rest[..pos], rest[pos..].trim()),
            None => (rest, ""),
        };
        let text = unescape(text);
        let no_text = |b: Block| -> Result<Block, BlockError> {
            if text.is_empty() {
                Ok(b)
            } else {
                Err(BlockError {
                    line,
                    message: format!("@{keyword} 后面不能有文字"),
                })
            }
        };
        let block = match keyword {
            "title" => Block::Title(text),
            "to" => Block::To(text),
            "h1" => Block::Heading(1, text),
            "h2" => Block::Heading(2, text),
            "h3" => Block::Heading(3, text),
            "h4" => Block::Heading(4, text),
            "p" => Block::Para(text),
            "annex" => Block::Annex(text),
            "signature" => Block::Signature(text),
            "date" => Block::Date(text),
            "attachment" => Block::Attachment(text),
            "attachment-title" => Block::AttachmentTitle(text),
            "masthead" => Block::Masthead(text),
            "docnum" => Block::DocNumber(text),
            "cc" => Block::Cc(text),
            "imprint" => Block::Imprint(text),
            "blank" => no_text(Block::Blank)?,
            "pagebreak" => no_text(Block::PageBreak)?,
            "landscape" => no_text(Block::Landscape)?,
            "portrait" => no_text(Block::Portrait)?,
            "table" => match text.as_str() {
                "tasks" => Block::Table(TableKind::Tasks),
                other => {
                    return Err(BlockError {
                        line,
                        message: format!("未知的表格“{other}”，目前只有 @table tasks"),
                    })
                }
            },
            other => {
                return Err(BlockError {
                    line,
                    message: format!(
                        "未知的块类型“@{other}”（可用：@title @to @h1 @h2 @h3 @h4 @p @annex \
                         @signature @date @blank @pagebreak @landscape @portrait @attachment \
                         @attachment-title @table @masthead @docnum @cc @imprint）"
                    ),
                })
            }
        };
        blocks.push(block);
    }
    if blocks.iter().filter(|b| **b == Block::Landscape).count() > 1 {
        return Err(BlockError {
            line: 0,
            message: "@landscape 只能出现一次".into(),
        });
    }
    let landscape_at = blocks.iter().position(|b| *b == Block::Landscape);
    let portrait_at: Vec<usize> = (0..blocks.len())
        .filter(|&i| blocks[i] == Block::Portrait)
        .collect();
    if portrait_at.len() > 1
        || portrait_at
            .iter()
            .any(|&p| landscape_at.is_none_or(|l| p < l))
    {
        return Err(BlockError {
            line: 0,
            message: "@portrait 只能在 @landscape 之后出现一次（结束横向页面）".into(),
        });
    }
    Ok(blocks)
}

fn block_text_mut(b: &mut Block) -> Option<&mut String> {
    match b {
        Block::Title(t)
        | Block::To(t)
        | Block::Heading(_, t)
        | Block::Para(t)
        | Block::Annex(t)
        | Block::Signature(t)
        | Block::Date(t)
        | Block::Attachment(t)
        | Block::AttachmentTitle(t)
        | Block::Masthead(t)
        | Block::DocNumber(t)
        | Block::Cc(t)
        | Block::Imprint(t) => Some(t),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_round_trips_and_cannot_start_a_block() {
        let nasty = "a\\b\n@h1 x\r\n\t{{ y }}\\n@";
        let esc = escape(nasty);
        assert!(!esc.contains('\n'));
        assert_eq!(unescape(&esc), "a\\b\n@h1 x\n\t{{ y }}\\n@");
        let blocks = parse(&format!("@p {esc}\n{esc}")).unwrap();
        assert_eq!(blocks.len(), 1);
        let expected = "a\\b\n@h1 x\n\t{{ y }}\\n@";
        assert_eq!(blocks[0], Block::Para(format!("{expected}{expected}")));
    }

    #[test]
    fn keywords_and_continuations() {
        let src = "@title 关于\n整改情况的报告\n\n@to 区人大常委会：\n@h1 一、总体情况\n@p 正文\n续\n@pagebreak\n@landscape\n@table tasks\n";
        let b = parse(src).unwrap();
        assert_eq!(
            b,
            vec![
                Block::Title("关于整改情况的报告".into()),
                Block::To("区人大常委会：".into()),
                Block::Heading(1, "一、总体情况".into()),
                Block::Para("正文续".into()),
                Block::PageBreak,
                Block::Landscape,
                Block::Table(TableKind::Tasks),
            ]
        );
    }

    #[test]
    fn errors_name_the_line() {
        let e = parse("@p a\n@bogus x").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.to_string().contains("@bogus"));
        assert_eq!(parse("orphan").unwrap_err().line, 1);
        assert!(parse("@pagebreak x").is_err());
        // @portrait ends a landscape part: only after @landscape, once.
        assert!(parse("@portrait").is_err());
        assert!(parse("@portrait\n@landscape").is_err());
        assert!(parse("@landscape\n@portrait\n@portrait").is_err());
        assert_eq!(
            parse("@landscape\n@portrait").unwrap(),
            [Block::Landscape, Block::Portrait]
        );
        assert!(parse("@table other").is_err());
    }

    #[test]
    fn masthead_and_imprint_blocks() {
        let src = "@masthead 重庆市永川区生态环境局文件\n@docnum 永环文〔2020〕86号\\t张三\n@cc 抄送：区政府办公室。\n@imprint 局办公室\\t2020年12月10日印发\n";
        assert_eq!(
            parse(src).unwrap(),
            vec![
                Block::Masthead("重庆市永川区生态环境局文件".into()),
                Block::DocNumber("永环文〔2020〕86号\t张三".into()),
                Block::Cc("抄送：区政府办公室。".into()),
                Block::Imprint("局办公室\t2020年12月10日印发".into()),
            ]
        );
    }
}
