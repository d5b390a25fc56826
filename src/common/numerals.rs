//! Numbers written in Chinese numerals, as units write task numbers (十二), list items
//! (（三）) and dates (十二月四日).

/// How a document counts copies of a unit's material that disagree: 两 for two, else
/// 多 (报送了两份内容不一致的材料).
pub(crate) fn copies_word(n: usize) -> &'static str {
    if n == 2 {
        "两"
    } else {
        "多"
    }
}

/// One of 一 … 十: how list marks (一、, （三）) and months (十二月) write a small number.
pub(crate) fn is_small_numeral(c: char) -> bool {
    "一二三四五六七八九十".contains(c)
}

/// A figure or one of 一 … 十 (the 11 of 11月, the 十一 of 十一月).
pub(crate) fn is_numeral(c: char) -> bool {
    c.is_ascii_digit() || is_small_numeral(c)
}

/// A number up to 999 in Chinese numerals: 六, 十二, 二十六, 一百零三, 一二六 is not one.
pub(crate) fn chinese_number(s: &str) -> Option<u32> {
    fn digit(c: char) -> Option<u32> {
        "零一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|i| i as u32)
            .or((c == '两').then_some(2))
    }
    if s.is_empty() {
        return None;
    }
    let (mut total, mut pending, mut last_unit) = (0u32, None::<u32>, 1000u32);
    for c in s.chars() {
        let unit = match c {
            '百' => 100,
            '十' => 10,
            // 零 only bridges a gap after a unit: 一百零三.
            '零' if pending.is_none() && total > 0 => continue,
            _ => {
                // Two digits in a row (一二) are not a number.
                if pending.is_some() {
                    return None;
                }
                pending = Some(digit(c)?);
                continue;
            }
        };
        if unit >= last_unit {
            return None;
        }
        // 十二: a leading 十 is 一十.
        total += pending.take().unwrap_or(1) * unit;
        last_unit = unit;
    }
    Some(total + pending.unwrap_or(0))
}
