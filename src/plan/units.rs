//! The unit directory and the one function that resolves a unit name as people write it.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

use crate::common::text::compact_nfkc;

/// What kind of body a unit is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, serde::Serialize,
)]
pub enum UnitKind {
    #[serde(rename = "区级部门")]
    Department,
    #[serde(rename = "镇街")]
    Town,
    #[serde(rename = "产业促进中心")]
    Centre,
    #[serde(rename = "企业")]
    Company,
    #[serde(rename = "其他")]
    Other,
}

impl UnitKind {
    pub fn label(self) -> &'static str {
        match self {
            UnitKind::Department => "区级部门",
            UnitKind::Town => "镇街",
            UnitKind::Centre => "产业促进中心",
            UnitKind::Company => "企业",
            UnitKind::Other => "其他",
        }
    }
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    pub name: String,
    pub kind: UnitKind,
    #[serde(default)]
    pub full_name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// How the unit calls itself in its own documents (我局, 我委, 我镇…); derived from
    /// the name when not given ([`self_word`]).
    #[serde(default)]
    pub self_word: Option<String>,
    /// The unit's contact for its partners (联系人、电话、邮箱): in a lead unit's round its
    /// notices and reminders name it, as the bureau's name plan.toml's `[contact]`.
    #[serde(default)]
    pub contact: Option<crate::plan::meta::Contact>,
}

impl Unit {
    /// How the unit calls itself in its own documents: units.toml `self_word`, else
    /// derived from its name ([`self_word`]).
    pub fn self_word(&self) -> String {
        match self.self_word.as_deref().map(str::trim) {
            Some(w) if !w.is_empty() => w.to_string(),
            _ => self_word(&self.name),
        }
    }
}

/// The word a body uses for itself, from the end of its name: 区水利局 → 我局,
/// 区住房城乡建委 → 我委, 来苏镇 → 我镇, 中山路街道 → 我街道, 临江河指挥部办公室 → 我办,
/// 凤凰湖产业促进中心 → 我中心, …有限公司 → 我公司, 区检察院 → 我院; 我单位 otherwise.
pub fn self_word(name: &str) -> String {
    let name = name.trim();
    const ENDINGS: [(&str, &str); 12] = [
        ("办公室", "我办"),
        ("街道", "我街道"),
        ("公司", "我公司"),
        ("中心", "我中心"),
        ("指挥部", "我部"),
        ("局", "我局"),
        ("委", "我委"),
        ("镇", "我镇"),
        ("乡", "我乡"),
        ("办", "我办"),
        ("院", "我院"),
        ("部", "我部"),
    ];
    ENDINGS
        .iter()
        .find(|(end, _)| name.ends_with(end))
        .map_or("我单位", |(_, w)| w)
        .to_string()
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupSpec {
    pub name: String,
    #[serde(default)]
    pub kind: Option<UnitKind>,
    #[serde(default)]
    pub members: Vec<String>,
    #[serde(default)]
    pub open: bool,
}

/// A group name of the table (各镇街), expanded.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Group {
    pub name: String,
    /// Canonical member names, in directory order. Empty for an open group.
    pub members: Vec<String>,
    /// 相关镇街: no fixed membership; any unit of `kind` may report.
    pub open: bool,
    pub kind: Option<UnitKind>,
}

/// The result of resolving a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameMatch {
    Unit(String),
    Group(String),
    /// Fits several units: never guessed.
    Ambiguous(Vec<String>),
    Unknown,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct UnitsFile {
    #[serde(default)]
    unit: Vec<Unit>,
    #[serde(default)]
    group: Vec<GroupSpec>,
}

/// Every unit of the plan, its groups, and the alias index (serialised only into the
/// key of the parsed-returns cache: `ingest/cache.rs`).
#[derive(Debug, Clone, serde::Serialize)]
pub struct UnitDirectory {
    units: Vec<Unit>,
    groups: Vec<Group>,
    /// match key → canonical names (more than one: ambiguous key).
    index: BTreeMap<String, BTreeSet<String>>,
    group_index: BTreeMap<String, String>,
    /// The index's non-empty keys as one automaton, for [`Self::mentions`] (one pass
    /// over a text, not one search per key), and whether each key, by pattern id, is
    /// long enough (three characters or more) to count without 区 before it.
    #[serde(skip)]
    finder: aho_corasick::AhoCorasick,
    #[serde(skip)]
    finder_long: Vec<bool>,
}

impl UnitDirectory {
    /// Parse `units.toml`. Errors are (line, message) in Chinese.
    pub fn from_toml(src: &str) -> Result<UnitDirectory, (Option<usize>, String)> {
        let file: UnitsFile =
            toml::from_str(src).map_err(|e| super::toml_error::describe(src, &e))?;
        Self::build(file.unit, file.group)
    }

    fn build(
        units: Vec<Unit>,
        specs: Vec<GroupSpec>,
    ) -> Result<UnitDirectory, (Option<usize>, String)> {
        let mut seen = BTreeSet::new();
        for u in &units {
            if u.name.trim().is_empty() {
                return Err((None, "有单位的名称（name）为空".into()));
            }
            if !seen.insert(u.name.clone()) {
                return Err((None, format!("单位“{}”重复出现", u.name)));
            }
        }
        let mut index: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for u in &units {
            let names = std::iter::once(&u.name)
                .chain(std::iter::once(&u.full_name))
                .chain(u.aliases.iter());
            for n in names.filter(|n| !n.trim().is_empty()) {
                index
                    .entry(match_key(n))
                    .or_default()
                    .insert(u.name.clone());
            }
        }
        let mut groups = Vec::new();
        let mut group_index = BTreeMap::new();
        for g in specs {
            let mut members: Vec<String> = Vec::new();
            if !g.open {
                if let Some(kind) = g.kind {
                    members.extend(
                        units
                            .iter()
                            .filter(|u| u.kind == kind)
                            .map(|u| u.name.clone()),
                    );
                }
                for m in &g.members {
                    if !seen.contains(m) {
                        return Err((
                            None,
                            format!("单位组“{}”的成员“{}”不在单位名录中", g.name, m),
                        ));
                    }
                    if !members.contains(m) {
                        members.push(m.clone());
                    }
                }
                if members.is_empty() {
                    return Err((
                        None,
                        format!(
                            "单位组“{}”没有成员（请填写 kind 或 members，或设为 open）",
                            g.name
                        ),
                    ));
                }
            }
            group_index.insert(match_key(&g.name), g.name.clone());
            groups.push(Group {
                name: g.name,
                members,
                open: g.open,
                kind: g.kind,
            });
        }
        let keys: Vec<&String> = index.keys().filter(|k| !k.is_empty()).collect();
        let finder = aho_corasick::AhoCorasick::new(&keys)
            .map_err(|e| (None, format!("单位名录无法建立名称索引：{e}")))?;
        let finder_long = keys.iter().map(|k| k.chars().count() >= 3).collect();
        Ok(UnitDirectory {
            units,
            groups,
            index,
            group_index,
            finder,
            finder_long,
        })
    }

    pub fn units(&self) -> &[Unit] {
        &self.units
    }

    pub fn unit(&self, name: &str) -> Option<&Unit> {
        self.units.iter().find(|u| u.name == name)
    }

    pub fn group(&self, name: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.name == name)
    }

    pub fn groups(&self) -> &[Group] {
        &self.groups
    }

    /// Position of a unit in the directory (for a stable, meaningful order).
    pub fn order(&self, name: &str) -> usize {
        self.units
            .iter()
            .position(|u| u.name == name)
            .unwrap_or(usize::MAX)
    }

    /// The one town or street (…镇, …街道) a text names with one character of its name
    /// written wrong (何梗镇 for 何埂镇): the district's 镇街 are all in the directory,
    /// so a name one character off one of them, and no other, is that one. `None` when
    /// none or several are that near.
    pub fn near_town(&self, raw: &str) -> Option<String> {
        let text: Vec<char> = compact_nfkc(raw).chars().collect();
        let mut found: BTreeSet<String> = BTreeSet::new();
        for (k, names) in &self.index {
            let suffix = if k.ends_with("街道") {
                2
            } else if k.ends_with('镇') {
                1
            } else {
                continue;
            };
            let key: Vec<char> = k.chars().collect();
            if key.len() < suffix + 2 {
                continue;
            }
            let stem = key.len() - suffix;
            let near = text.windows(key.len()).any(|w| {
                w[stem..] == key[stem..] && (0..stem).filter(|&i| w[i] != key[i]).count() == 1
            });
            if near {
                found.extend(names.iter().cloned());
            }
        }
        let mut found = found.into_iter();
        match (found.next(), found.next()) {
            (Some(one), None) => Some(one),
            _ => None,
        }
    }

    /// Resolve a name as a unit wrote it. The alias table first (canonical, full and
    /// alias names under the normalised match key), then the pattern rules: a bare
    /// 镇街 name without 镇/街道, and a text that contains exactly one unit's name.
    /// Never guesses between two units.
    pub fn resolve(&self, raw: &str) -> NameMatch {
        let key = match_key(raw);
        if key.is_empty() {
            return self.in_brackets(raw);
        }
        if let Some(g) = self.group_index.get(&key) {
            return NameMatch::Group(g.clone());
        }
        if let Some(names) = self.index.get(&key) {
            return one_or_ambiguous(names.iter().cloned().collect());
        }
        // A 镇街 written without its 镇 / 街道 (三教 is 三教镇, though it starts
        // 三教产业促进中心 too: towns are the units most often written short).
        for suffix in ["镇", "街道"] {
            if let Some(names) = self.index.get(&format!("{key}{suffix}")) {
                return one_or_ambiguous(names.iter().cloned().collect());
            }
        }
        // A short name that starts one unit's name (港桥 → 港桥产业促进中心).
        let starting = self.starting_with(&key);
        if starting.len() == 1 {
            return one_or_ambiguous(starting.into_iter().collect());
        }
        // The text contains one unit's name (e.g. "区水利局河长制科" or a sentence).
        let mut found: BTreeSet<String> = BTreeSet::new();
        let mut hit_keys: Vec<&str> = Vec::new();
        // A two-character name counts with the district's 区 before it (附件1-区农委):
        // alone it is too short to be told from other words.
        // The text as written, 区 kept (the key drops a leading one: 区农委、区水利局).
        let written = compact_nfkc(raw);
        for (k, names) in &self.index {
            let long = k.chars().count() >= 3;
            if (long && key.contains(k.as_str())) || (!long && written.contains(&format!("区{k}")))
            {
                hit_keys.push(k);
                found.extend(names.iter().cloned());
            }
        }
        if let Some((k, _)) = self.town_opening_short(&written) {
            hit_keys.push(k);
            found.extend(self.index[k].iter().cloned());
        }
        // Drop hits that are part of a longer hit for the same text ("三教" inside "三教产业…").
        if found.len() > 1 {
            let longest: Vec<&str> = hit_keys
                .iter()
                .copied()
                .filter(|k| !hit_keys.iter().any(|o| o.len() > k.len() && o.contains(*k)))
                .collect();
            found = longest
                .iter()
                .flat_map(|k| self.index[*k].iter().cloned())
                .collect();
        }
        match found.len() {
            0 => self.in_brackets(raw),
            _ => one_or_ambiguous(found.into_iter().collect()),
        }
    }

    /// A town written without its 镇 / 街道 opening `written` (its compact form) before a
    /// date or a form's word (来苏12月进展, 来苏整改进展情况): the town's key and the
    /// length of the short name in `written`. Alone (来苏) a short name is the whole
    /// text ([`resolve`]); inside a text it is too short to be told from other words
    /// unless it opens it so (adv50 a 7).
    fn town_opening_short(&self, written: &str) -> Option<(&str, usize)> {
        const AFTER_SHORT: [&str; 7] = ["整改", "进展", "报送", "填报", "情况", "工作", "任务"];
        let mut hits = self.index.keys().filter_map(|k| {
            let short = k.strip_suffix("街道").or_else(|| k.strip_suffix('镇'))?;
            let rest = written.strip_prefix(short)?;
            (short.chars().count() >= 2
                && (rest.starts_with(|c: char| c.is_ascii_digit())
                    || AFTER_SHORT.iter().any(|w| rest.starts_with(w))))
            .then_some((k.as_str(), short.len()))
        });
        let hit = hits.next()?;
        // Two towns opening it alike: neither.
        hits.next().is_none().then_some(hit)
    }

    /// Where `raw` names units, as it reads without white space (its `compact_nfkc`
    /// form, returned too): byte ranges in that form, in text order. The names `resolve`
    /// finds inside a text, by the same rules (a name of three characters or more
    /// anywhere, a shorter one after the district's 区), a name inside a longer one
    /// dropped (三教 inside 三教产业促进中心).
    pub fn mentions(&self, raw: &str) -> (String, Vec<std::ops::Range<usize>>) {
        let written = compact_nfkc(raw);
        let mut found: Vec<std::ops::Range<usize>> = Vec::new();
        for m in self.finder.find_overlapping_iter(&written) {
            if self.finder_long[m.pattern().as_usize()] || written[..m.start()].ends_with('区') {
                found.push(m.range());
            }
        }
        if let Some((_, len)) = self.town_opening_short(&written) {
            found.push(0..len);
        }
        let inside = |a: &std::ops::Range<usize>, b: &std::ops::Range<usize>| {
            a != b && b.start <= a.start && a.end <= b.end
        };
        let mut kept: Vec<std::ops::Range<usize>> = found
            .iter()
            .filter(|r| !found.iter().any(|o| inside(r, o)))
            .cloned()
            .collect();
        kept.sort_by_key(|r| (r.start, r.end));
        kept.dedup();
        (written, kept)
    }

    /// The one unit named in brackets in a text that names none outside them
    /// (整改任务进展情况表（区水利局）, 附件2【区财政局】): a file's name often puts it
    /// there. `Unknown` when no bracket, or more than one, names a unit.
    fn in_brackets(&self, raw: &str) -> NameMatch {
        let s = compact_nfkc(raw);
        let named: BTreeSet<String> = s
            .split(['(', '[', '【', '〔'])
            .skip(1)
            .filter_map(|part| part.split([')', ']', '】', '〕']).next())
            .filter(|p| !p.is_empty())
            .filter_map(|p| match self.resolve(p) {
                NameMatch::Unit(u) => Some(u),
                _ => None,
            })
            .collect();
        match named.len() {
            1 => NameMatch::Unit(named.into_iter().next().unwrap_or_default()),
            _ => NameMatch::Unknown,
        }
    }

    /// The units whose name or alias starts with `key` (a match key of two to four
    /// characters: a place name such as 三教 or 港桥, not a phrase; not 区…, which a
    /// district office's name is never shortened to).
    fn starting_with(&self, key: &str) -> BTreeSet<String> {
        if !(2..=4).contains(&key.chars().count()) || key.starts_with('区') {
            return BTreeSet::new();
        }
        self.index
            .iter()
            .filter(|(k, _)| k.len() > key.len() && k.starts_with(key))
            .flat_map(|(_, names)| names.iter().cloned())
            .collect()
    }

    /// The other units named after the same place as `unit`: for a 镇街 its name
    /// without 镇 / 街道 starts theirs (三教镇 → 三教产业促进中心), for any other unit
    /// the 镇街 whose place name starts its name (临江河指挥部办公室 → 临江镇). A
    /// return naming the place alone (三教) may mean either.
    pub fn same_place(&self, unit: &str) -> Vec<&str> {
        fn stem(u: &Unit) -> Option<&str> {
            let s = (u.kind == UnitKind::Town)
                .then(|| ["街道", "镇"].iter().find_map(|x| u.name.strip_suffix(x)))
                .flatten()?;
            (s.chars().count() >= 2).then_some(s)
        }
        let Some(this) = self.unit(unit) else {
            return Vec::new();
        };
        match stem(this) {
            Some(place) => self
                .units
                .iter()
                .filter(|u| u.name != this.name && u.name.starts_with(place))
                .map(|u| u.name.as_str())
                .collect(),
            None => self
                .units
                .iter()
                .filter(|u| stem(u).is_some_and(|place| this.name.starts_with(place)))
                .map(|u| u.name.as_str())
                .collect(),
        }
    }

    /// The unit a misspelt name most likely means (区水力局 → 区水利局, 区生态局 →
    /// 区生态环境局), for a “是否要写…” hint: the unit whose name or alias is nearest by
    /// edit distance on the match keys, when near enough and not tied with another unit.
    pub fn suggest(&self, raw: &str) -> Option<String> {
        let key = match_key(raw);
        if key.is_empty() {
            return None;
        }
        let mut best: Option<(f64, &BTreeSet<String>)> = None;
        let mut tied = false;
        for (k, names) in &self.index {
            let score = strsim::normalized_levenshtein(&key, k);
            match best {
                Some((b, n)) if score == b && n != names => tied = true,
                Some((b, _)) if score <= b => {}
                _ => {
                    best = Some((score, names));
                    tied = false;
                }
            }
        }
        let (score, names) = best?;
        (score >= 0.5 && !tied && names.len() == 1)
            .then(|| names.iter().next().cloned())
            .flatten()
    }

    /// What to tell a user about a name the directory does not know: 是否要写“…”？
    /// with the likely unit ([`Self::suggest`]), else `otherwise`.
    pub fn did_you_mean(&self, raw: &str, otherwise: &str) -> String {
        self.suggest(raw)
            .map_or_else(|| otherwise.to_string(), |u| format!("是否要写“{u}”？"))
    }
}

fn one_or_ambiguous(mut names: Vec<String>) -> NameMatch {
    if names.len() == 1 {
        NameMatch::Unit(names.pop().unwrap_or_default())
    } else {
        names.sort();
        NameMatch::Ambiguous(names)
    }
}

/// The normalised key two spellings of one unit share. NFKC and whitespace removal
/// for the key only; brackets and what they hold (（盖章）) dropped; the prefixes
/// 中共 / 重庆市 / 永川区 / 区 stripped; 委员会 → 委; 人民政府, 办事处 and a dropped 和 removed;
/// 镇政府 → 镇, 街办 → 街道.
pub fn match_key(raw: &str) -> String {
    let s = compact_nfkc(raw);
    // Drop bracketed parts: (盖章), [公章], 【…】, 〔…〕.
    let mut out = String::with_capacity(s.len());
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' | '[' | '【' | '〔' | '<' | '《' => depth += 1,
            ')' | ']' | '】' | '〕' | '>' | '》' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    let mut s = out
        .trim_matches(|c: char| {
            c == ':' || c == '：' || c == '、' || c == ',' || c == '.' || c == '。'
        })
        .replace("盖章", "");
    for label in ["填报单位", "报送单位", "单位名称", "单位"] {
        if let Some(rest) = s.strip_prefix(label) {
            let rest = rest.trim_start_matches([':', '：']);
            if !rest.is_empty() {
                s = rest.to_string();
            }
        }
    }
    loop {
        let before = s.len();
        for p in ["中共", "重庆市", "永川区", "永川", "区"] {
            if let Some(rest) = s.strip_prefix(p) {
                if !rest.is_empty() {
                    s = rest.to_string();
                }
            }
        }
        if s.len() == before {
            break;
        }
    }
    let s = s
        .replace("委员会", "委")
        .replace("人民政府", "")
        .replace("办事处", "")
        .replace("镇政府", "镇")
        .replace("街办", "街道")
        .replace("产促中心", "产业促进中心")
        .replace('和', "");
    s.trim_matches(|c: char| c == ':' || c == '、').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_the_usual_variants() {
        let k = match_key("区住房城乡建委");
        for v in [
            "重庆市永川区住房城乡建委",
            "永川区住房城乡建委",
            "住房城乡建委",
            "区住房和城乡建委",
            " 区住房城乡\n建委（盖章）",
        ] {
            assert_eq!(match_key(v), k, "{v}");
        }
        assert_eq!(match_key("重庆市永川区来苏镇人民政府"), "来苏镇");
        assert_eq!(
            match_key("重庆市永川区人民政府中山路街道办事处"),
            "中山路街道"
        );
        assert_eq!(match_key("来苏镇政府"), "来苏镇");
        assert_eq!(match_key("三教产促中心"), "三教产业促进中心");
        assert_eq!(match_key("填报单位：区水利局（盖章）"), "水利局");
    }
}
