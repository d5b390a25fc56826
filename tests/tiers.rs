//! The two reporting tiers (issue 16): a lead unit's round (`--as`), its consolidated
//! return (报送表) read by the bureau, lead reporting at the bureau (who is expected,
//! who is reminded), and `--as` with a unit not in the directory. Fixtures are made
//! in code: the partners' returns are the lead unit's own checklists, filled in.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;

use rectify::model::queries::{partners_missing, units_owing, units_to_remind};
use rectify::model::status::choices;
use rectify::model::{FileOutcome, Ledger, Status, Tier, UnitEntry, UnitReport};
use rectify::{
    build_ledger, build_round, checklist_bytes, consolidated_bytes, consolidated_file,
    filled_checklist_bytes, notice_blocks, reminder_blocks, Block, Filled, FilledRow, Scope,
    Templates,
};

const LEAD: &str = "区水利局";

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// What partner number `i` of the lead unit types into its checklist: every status of
/// the dropdown in turn, dates for completed tasks, line breaks, evidence and notes.
fn fill_for(u: &UnitEntry, i: usize) -> Filled {
    let plan = common::shipped_plan();
    let mut rows = BTreeMap::new();
    for (k, id) in u.expected.iter().enumerate() {
        let words = choices();
        let mut word = words[(i + k) % words.len()];
        // 不涉及 from the only unit a task was written for is to be checked: not a clean
        // return.
        let sole = plan
            .task(*id)
            .is_some_and(|t| t.deciders() == [u.name.clone()]);
        if sole && word == Status::NotApplicable.label() {
            word = words[(i + k + 1) % words.len()];
        }
        // Nor is 长期坚持 on a task due once (counted 正在推进, the unit asked).
        let due_once = plan
            .task(*id)
            .is_some_and(|t| t.deadline.due.is_some() && !t.deadline.ongoing);
        if due_once && word == Status::Ongoing.label() {
            word = Status::InProgress.label();
        }
        // Now and then a synonym a unit types instead of picking from the list.
        let typed = match word {
            "正在推进" if k % 2 == 0 => "基本完成",
            "长期坚持" if k % 2 == 0 => "持续推进",
            w => w,
        };
        rows.insert(
            *id,
            FilledRow {
                progress: if word == Status::NotStarted.label() {
                    format!("{}第{id}项：尚未开展。\n下一步按计划启动。", u.name)
                } else if word == Status::NotApplicable.label() {
                    format!("{}第{id}项：辖区内无相关问题。", u.name)
                } else {
                    format!("{}第{id}项：已完成排查12处。\n下一步继续推进。", u.name)
                },
                status: typed.to_string(),
                completed_on: (word == Status::Completed.label())
                    .then(|| date(2020, 9, 10 + (k % 18) as u32)),
                evidence: if k % 2 == 0 {
                    format!("佐证{id}.pdf")
                } else {
                    String::new()
                },
                note: if k % 3 == 1 {
                    "配合事项".into()
                } else {
                    String::new()
                },
            },
        );
    }
    Filled {
        filed_on: Some(date(2020, 11, 25 + (i % 5) as u32)),
        person: "李四".into(),
        phone: "49580000".into(),
        rows,
        ..Default::default()
    }
}

/// The lead unit's round on `returns`: every unit of its round sends its filled checklist
/// (every third partner sends nothing), and the ledger of the round.
fn lead_round(returns: &Path) -> Ledger {
    let plan = common::shipped_plan();
    let scope = Scope::Lead(LEAD.into());
    let empty = build_round(&plan, Path::new("/nonexistent"), &scope);
    assert_eq!(empty.plan.tier, Tier::Lead);
    assert_eq!(empty.plan.collector, LEAD);
    assert_eq!(empty.plan.self_word, "我局");
    assert_eq!(empty.plan.addressee, "区生态环境局");
    std::fs::create_dir_all(returns).unwrap();
    for (i, u) in units_owing(&empty).into_iter().enumerate() {
        if i % 3 == 2 && u.name != LEAD {
            continue;
        }
        let bytes = filled_checklist_bytes(&empty, u, &fill_for(u, i)).unwrap();
        std::fs::write(returns.join(format!("{}.xlsx", u.name)), bytes).unwrap();
    }
    build_round(&plan, returns, &scope)
}

fn current<'a>(l: &'a Ledger, id: u32, unit: &str) -> Vec<&'a UnitReport> {
    l.task(id)
        .map(|t| t.current_reports().filter(|r| r.unit == unit).collect())
        .unwrap_or_default()
}

#[test]
fn the_bureau_reads_a_lead_units_consolidated_return_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let mut lead = lead_round(&dir.path().join("lead"));
    // The lead unit's round covers the tasks it leads (or, without a lead, is
    // responsible for), and nothing else.
    let plan = common::shipped_plan();
    let scope_ids: Vec<u32> = plan.tasks_led_by(LEAD).iter().map(|t| t.id).collect();
    assert_eq!(
        lead.tasks.iter().map(|t| t.id).collect::<Vec<_>>(),
        scope_ids
    );
    // (But the notes that the random fill's 已完成 on a task kept up with no date
    // counts 长期坚持.)
    let noisy: Vec<_> = lead
        .problems
        .iter()
        .filter(|p| !p.message.ends_with(common::KEPT_UP_NOTE))
        .collect();
    assert!(noisy.is_empty(), "{noisy:#?}");
    let reports: Vec<(u32, &UnitReport)> = lead
        .tasks
        .iter()
        .flat_map(|t| t.current_reports().map(move |r| (t.id, r)))
        .collect();
    assert!(reports.len() > 10, "a real round: {}", reports.len());
    assert!(reports.iter().any(|(_, r)| r.unit == LEAD));
    assert!(reports
        .iter()
        .any(|(_, r)| r.status == Status::NotApplicable));
    assert!(reports.iter().any(|(_, r)| r.completed_on.is_some()));

    // The lead unit consolidates on 2020-12-04 and sends the 报送表 to the bureau.
    let consolidated_on = date(2020, 12, 4);
    lead.plan.report_date = consolidated_on;
    let bureau_returns = dir.path().join("bureau");
    std::fs::create_dir_all(&bureau_returns).unwrap();
    let name = consolidated_file(LEAD);
    assert_eq!(name, "报送表-区水利局.xlsx");
    std::fs::write(
        bureau_returns.join(&name),
        consolidated_bytes(&lead).unwrap(),
    )
    .unwrap();
    let bureau = build_ledger(&plan, &bureau_returns);
    assert_eq!(bureau.plan.tier, Tier::Bureau);
    let file = &bureau.files[0];
    assert_eq!(
        (file.outcome, file.unit.as_deref()),
        (FileOutcome::Read, Some(LEAD))
    );
    assert!(bureau.unplaced.is_empty(), "{:#?}", bureau.unplaced);
    let of_file: Vec<_> = bureau
        .problems
        .iter()
        .filter(|p| p.file == name)
        .filter(|p| !p.message.ends_with(common::KEPT_UP_NOTE))
        .collect();
    assert!(
        of_file.is_empty(),
        "the marker makes every row exact: {of_file:#?}"
    );

    // Every report of the lead unit's ledger is in the bureau's, once, with the same
    // unit, task, status, progress and completion date, filed on the day the lead unit
    // consolidated it, through the lead unit.
    for (id, r) in &reports {
        let found = current(&bureau, *id, &r.unit);
        assert_eq!(found.len(), 1, "task {id} unit {}", r.unit);
        let b = found[0];
        assert_eq!(
            (b.status, &b.progress, b.completed_on, &b.evidence, &b.note),
            (r.status, &r.progress, r.completed_on, &r.evidence, &r.note),
            "task {id} unit {}",
            r.unit
        );
        assert_eq!(b.role, r.role, "task {id} unit {}", r.unit);
        // The 报送表 writes the form's terms (the ones its 汇总意见 counts), whatever
        // synonym the unit used; an unrecognised status keeps its words.
        if r.status != Status::Unclear {
            assert_eq!(b.status_text, r.status.label(), "task {id} unit {}", r.unit);
        }
        assert_eq!(b.filed_on, Some(consolidated_on));
        let via = (r.unit != LEAD).then_some(LEAD);
        assert_eq!(b.via.as_deref(), via, "task {id} unit {}", r.unit);
    }
    let in_bureau: usize = bureau
        .tasks
        .iter()
        .map(|t| t.current_reports().count())
        .sum();
    assert_eq!(
        in_bureau,
        reports.len(),
        "nothing credited twice or invented"
    );
    // The task statuses agree too, but where the bureau still waits for a co-lead (or
    // co-responsible unit) of the lead unit: that one reports to the bureau itself, and
    // the lead unit's round did not wait for it.
    let mut waiting_for_a_fellow = 0;
    for t in &lead.tasks {
        let b = bureau.task(t.id).unwrap();
        if b.awaiting.is_empty() {
            assert_eq!(b.status, t.status, "task {}", t.id);
        } else {
            waiting_for_a_fellow += 1;
            assert!(
                b.awaiting
                    .iter()
                    .all(|u| u != LEAD && t.lead.len() + t.responsible.len() > 1),
                "task {}: {:?}",
                t.id,
                b.awaiting
            );
            assert!(t.awaiting.is_empty(), "task {}: {:?}", t.id, t.awaiting);
        }
    }
    // Task 18 is led by 区水利局 with 区经济信息委.
    assert!(waiting_for_a_fellow >= 1);
    // The workbook's chain: a partner reported through the lead unit.
    let partner = reports.iter().find(|(_, r)| r.unit != LEAD).unwrap().1;
    let entry = bureau
        .units
        .iter()
        .find(|u| u.name == partner.unit)
        .unwrap();
    assert_eq!(entry.via, vec![LEAD.to_string()]);
    assert!(!entry.direct);
    // …and its row in the workbook's 单位报送情况 says so, never that it sent its reports
    // straight to the bureau (another unit's 汇总 is the way it should report).
    use calamine::Reader;
    let bytes = rectify::workbook_bytes(&bureau).unwrap();
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let units = book.worksheet_range(rectify::SHEET_UNITS).unwrap();
    let row: Vec<String> = units
        .rows()
        .find(|row| row[0].to_string() == partner.unit)
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert!(row.contains(&format!("经{LEAD}汇总")), "{row:?}");
    assert!(
        !row.iter().any(|c| c.contains("直接报送")),
        "{}: {row:?}",
        partner.unit
    );
}

#[test]
fn a_partner_that_also_reports_straight_is_credited_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut lead = lead_round(&dir.path().join("lead"));
    lead.plan.report_date = date(2020, 12, 4);
    let plan = common::shipped_plan();
    let bureau_returns = dir.path().join("bureau");
    std::fs::create_dir_all(&bureau_returns).unwrap();
    std::fs::write(
        bureau_returns.join(consolidated_file(LEAD)),
        consolidated_bytes(&lead).unwrap(),
    )
    .unwrap();
    // Two partners also send their own checklist (the bureau's) straight: one filed
    // before the lead unit consolidated (the 报送表 stands), one after (its own stands).
    let empty = build_ledger(&plan, Path::new("/nonexistent"));
    let (id, early, late) = lead
        .tasks
        .iter()
        .find_map(|t| {
            let others: Vec<&str> = t
                .current_reports()
                .map(|r| r.unit.as_str())
                .filter(|u| *u != LEAD)
                .collect();
            (others.len() >= 2).then(|| (t.id, others[0].to_string(), others[1].to_string()))
        })
        .expect("a task with two partners' reports");
    for (unit, filed, text) in [
        (&early, date(2020, 12, 1), "较早直接报送的进展"),
        (&late, date(2020, 12, 8), "较晚直接报送的进展"),
    ] {
        let entry = UnitEntry {
            expected: vec![id],
            ..empty.units[0].clone()
        };
        let entry = UnitEntry {
            name: unit.clone(),
            full_name: unit.clone(),
            ..entry
        };
        let mut rows = BTreeMap::new();
        rows.insert(
            id,
            FilledRow {
                progress: text.into(),
                status: Status::InProgress.label().into(),
                ..Default::default()
            },
        );
        let filled = Filled {
            filed_on: Some(filed),
            rows,
            ..Default::default()
        };
        std::fs::write(
            bureau_returns.join(format!("{unit}.xlsx")),
            filled_checklist_bytes(&empty, &entry, &filled).unwrap(),
        )
        .unwrap();
    }
    let bureau = build_ledger(&plan, &bureau_returns);
    let e = current(&bureau, id, &early);
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].via.as_deref(), Some(LEAD), "the 报送表 is later");
    let l = current(&bureau, id, &late);
    assert_eq!(l.len(), 1);
    assert_eq!(l[0].progress, "较晚直接报送的进展");
    assert_eq!(l[0].via, None);
    let superseded = bureau
        .task(id)
        .unwrap()
        .reports
        .iter()
        .filter(|r| r.superseded)
        .count();
    assert_eq!(superseded, 2, "each unit's older version kept, not counted");
}

#[test]
fn lead_reporting_expects_and_reminds_the_lead_units_only() {
    let plan = common::shipped_plan();
    assert_eq!(plan.meta.reporting, rectify::plan::meta::Reporting::Lead);
    let l = build_ledger(&plan, Path::new("/nonexistent"));
    // Expected from each unit: the tasks it decides, and the ones it cooperates on
    // that no unit but the bureau gathers; the rest goes through a lead unit.
    for u in &l.units {
        for id in plan.tasks_led_by(&u.name).iter().map(|t| t.id) {
            assert!(u.expected.contains(&id), "{} decides {id}", u.name);
        }
    }
    let unit = |name: &str| l.units.iter().find(|u| u.name == name).unwrap();
    let company = |name: &String| {
        plan.units.unit(name).unwrap().kind == rectify::plan::units::UnitKind::Company
    };
    // Task 50: 各镇街 responsible, no lead; 区委编办 cooperates: it reports to the
    // bureau, not through 23 towns.
    assert_eq!(unit("区委编办").expected, [50]);
    assert!(unit("区委编办").reports_to.is_empty());
    // Task 19: a company is responsible; 区城市管理局, which oversees it, reports to
    // the bureau. Task 52 is the bureau's own: its partners report to it.
    assert!(unit("区城市管理局").expected.contains(&19));
    assert!(unit("来苏镇").expected.contains(&52));
    // Nobody reports through a company or to the bureau as a lead; every task a unit
    // is named on is asked of it directly or gathered by a unit it reports to.
    for u in l.units.iter().filter(|u| u.name != l.plan.collector) {
        assert!(!u.reports_to.iter().any(company), "{}", u.name);
        assert!(!u.reports_to.contains(&l.plan.collector), "{}", u.name);
        for t in l
            .tasks
            .iter()
            .filter(|t| t.named_units().any(|n| *n == u.name))
        {
            let through = t.gatherers.iter().any(|g| u.reports_to.contains(g));
            assert!(
                u.expected.contains(&t.id) || through,
                "{} on task {}: asked by nobody",
                u.name,
                t.id
            );
        }
    }
    let owing: Vec<&str> = units_owing(&l).iter().map(|u| u.name.as_str()).collect();
    assert!(owing.contains(&LEAD));
    // 区发展改革委 only cooperates (task 20 …) in the shipped plan? Find a unit that
    // decides nothing: it gets no checklist and no reminder, and reports to its leads.
    let partner = l
        .units
        .iter()
        .find(|u| u.expected.is_empty())
        .expect("a unit that only cooperates");
    assert!(!owing.contains(&partner.name.as_str()));
    assert!(!partner.reports_to.is_empty());
    let reminded: Vec<&str> = units_to_remind(&l)
        .iter()
        .map(|u| u.name.as_str())
        .collect();
    assert!(!reminded.contains(&partner.name.as_str()));
    // The lead unit's reminder names partners whose progress is missing.
    let lead = l.units.iter().find(|u| u.name == LEAD).unwrap();
    let missing = partners_missing(&l, lead);
    assert!(!missing.is_empty());
    let blocks = reminder_blocks(&l, lead, &Templates::new(None), l.as_of).unwrap();
    let text = blocks_text(&blocks);
    assert!(text.contains("尚未汇总进展的责任单位、配合单位"), "{text}");
    assert!(text.contains(missing[0].1[0]), "{text}");
    // The bureau writes of itself as 我局, not by its name.
    assert!(
        text.contains("请督促上述单位尽快报送，汇总后一并报送我局。"),
        "{text}"
    );

    // Direct reporting: today's behaviour, everyone owes every task it is named on.
    let mut direct = plan.clone();
    direct.meta.reporting = rectify::plan::meta::Reporting::Direct;
    let d = build_ledger(&direct, Path::new("/nonexistent"));
    let p = d.units.iter().find(|u| u.name == partner.name).unwrap();
    assert!(!p.expected.is_empty());
    assert!(p.reports_to.is_empty());
    assert!(partners_missing(&d, d.units.iter().find(|u| u.name == LEAD).unwrap()).is_empty());
}

#[test]
fn a_lead_units_checklists_go_to_its_partners_and_carry_the_tier() {
    let plan = common::shipped_plan();
    let l = build_round(&plan, Path::new("/nonexistent"), &Scope::Lead(LEAD.into()));
    let ids: Vec<u32> = plan.tasks_led_by(LEAD).iter().map(|t| t.id).collect();
    for u in units_owing(&l) {
        assert!(u.expected.iter().all(|id| ids.contains(id)), "{}", u.name);
        if u.name != LEAD {
            assert_eq!(u.reports_to, vec![LEAD.to_string()]);
        }
        let bytes = checklist_bytes(&l, u).unwrap();
        let marker = marker_sheet_text(&bytes);
        assert!(marker.contains("tier\tlead"), "{marker}");
        assert!(marker.contains(&format!("issuer\t{LEAD}")), "{marker}");
    }
}

/// In a lead unit's round it chases only the partners of the tasks it gathers (leads, or
/// answers for alone): not a co-lead (task 18: 区经济信息委), not a co-responsible unit
/// (task 53: 区卫健委), not the bureau; and it gives them a deadline before its own.
#[test]
fn a_lead_unit_chases_only_its_own_partners_and_before_its_own_deadline() {
    let plan = common::shipped_plan();
    let l = build_round(&plan, Path::new("/nonexistent"), &Scope::Lead(LEAD.into()));
    let owes = |name: &str| {
        l.units
            .iter()
            .find(|u| u.name == name)
            .map(|u| u.expected.clone())
            .unwrap_or_default()
    };
    assert!(owes(LEAD).contains(&18) && owes(LEAD).contains(&53));
    assert!(!owes("区经济信息委").contains(&18), "a co-lead");
    assert!(!owes("区卫健委").contains(&53), "a co-responsible unit");
    assert!(owes("区生态环境局").is_empty(), "the bureau");
    // Task 23 is led by 区水利局 alone: the towns owe it their part.
    assert!(owes("来苏镇").contains(&23));
    // Every task waits for nobody but the lead unit and its partners.
    for t in &l.tasks {
        assert_eq!(t.awaiting, [LEAD], "task {}", t.id);
    }
    // 区水利局 leads task 18 (with 区经济信息委) and answers for the rest as a responsible
    // unit: its 报送表 says so.
    assert_eq!(
        rectify::consolidated_title(&l),
        "《整改方案》牵头或负责任务落实情况报送表"
    );
    // 2020-12-05 (a Saturday) less three days: Wednesday 2 December.
    assert_eq!(l.plan.return_deadline, date(2020, 12, 5));
    assert_eq!(l.plan.partner_deadline, Some(date(2020, 12, 2)));
    let town = l.units.iter().find(|u| u.name == "来苏镇").unwrap();
    let text = blocks_text(&notice_blocks(&l, town, &Templates::new(None), l.as_of).unwrap());
    assert!(text.contains("请于2020年12月2日前"), "{text}");
    // The bureau's own round keeps its deadline.
    let b = build_ledger(&plan, Path::new("/nonexistent"));
    assert_eq!(b.plan.partner_deadline, None);
    let lead = b.units.iter().find(|u| u.name == LEAD).unwrap();
    let text = blocks_text(&notice_blocks(&b, lead, &Templates::new(None), b.as_of).unwrap());
    assert!(text.contains("请于2020年12月5日前"), "{text}");
}

/// A lead unit's round counts its own return whatever day it was written (its report
/// is made of it), while a partner's return filed after the round's date waits; on a
/// task it shares as one of several responsible units it answers for its part alone.
#[test]
fn a_lead_units_own_late_return_counts_in_its_round() {
    let mut plan = common::shipped_plan();
    plan.meta.as_of = date(2020, 12, 5);
    let dir = tempfile::tempdir().unwrap();
    for (unit, id, day) in [(LEAD, 23, 7), ("来苏镇", 23, 7), ("来苏镇", 24, 3)] {
        let sheet = common::standard_return(
            &format!("填报单位：{unit}    填报日期：2020年12月{day}日"),
            vec![common::std_row(
                common::n(id as f64),
                &common::measure(id),
                "已开展排查整治。",
                "已完成",
                common::V::E,
            )],
        );
        common::write_workbook(&dir.path().join(format!("{unit}{id}.xlsx")), &[sheet]);
    }
    let l = build_round(&plan, dir.path(), &Scope::Lead(LEAD.into()));
    let units_on = |id: u32| -> Vec<String> {
        l.task(id)
            .unwrap()
            .current_reports()
            .map(|r| r.unit.clone())
            .collect()
    };
    assert_eq!(units_on(23), [LEAD], "the partner's late return waits");
    assert!(l
        .problems
        .iter()
        .any(|p| p.code == rectify::model::Code::FiledAfterAsOf && p.file == "来苏镇23.xlsx"));
    // Task 24: 区水利局 and the towns are responsible, no lead. 来苏镇's part is not the
    // lead unit's to answer for: its own part (not reported) decides.
    let t = l.task(24).unwrap();
    assert_eq!(t.breakdown.deciders, 1);
    assert_eq!(t.status, Status::Unreported);
}

#[test]
fn as_an_unknown_unit_is_a_chinese_error() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_rectify"))
        .args(["--as", "区不存在局", "check"])
        .current_dir(common::repo())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("单位名录中没有“区不存在局”"), "{err}");
    assert!(out.stdout.is_empty());
}

fn blocks_text(blocks: &[Block]) -> String {
    format!("{blocks:?}")
}

/// The marker sheet's cells as tab-separated lines.
fn marker_sheet_text(bytes: &[u8]) -> String {
    use calamine::{Reader, Xlsx};
    let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let range = wb.worksheet_range("_rectify").unwrap();
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| c.to_string())
                .collect::<Vec<_>>()
                .join("\t")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A lead unit's notices name its own contact (units.toml `contact`), never the
/// bureau's; a lead unit without one names none.
#[test]
fn a_lead_units_notices_name_its_own_contact() {
    let plan = common::shipped_plan();
    let own = plan
        .units
        .unit(LEAD)
        .and_then(|u| u.contact.clone())
        .expect("the demo gives the lead unit a contact");
    let bureau = plan.meta.contact.clone();
    let t = rectify::Templates::default();
    let notice_of = |lead: &str| {
        let l = build_round(&plan, Path::new("/nonexistent"), &Scope::Lead(lead.into()));
        let u = units_owing(&l)
            .into_iter()
            .find(|u| u.name != lead)
            .unwrap()
            .clone();
        blocks_text(&rectify::notice_blocks(&l, &u, &t, l.as_of).unwrap())
    };
    let text = notice_of(LEAD);
    assert!(
        text.contains(&format!("联系人：{}，联系电话：{}", own.name, own.phone)),
        "{text}"
    );
    // The lead unit speaks of itself as 我局 in its notice (adv50 b 2: 区水利局汇总后…).
    assert!(text.contains("我局汇总后将统一报送区生态环境局"), "{text}");
    assert!(!text.contains(&format!("{LEAD}汇总后")), "{text}");
    assert!(!text.contains(&bureau.name), "{text}");
    let other = plan
        .units
        .units()
        .iter()
        .find(|u| u.contact.is_none() && !plan.tasks_led_by(&u.name).is_empty())
        .map(|u| u.name.clone())
        .expect("a lead unit without a contact");
    let text = notice_of(&other);
    assert!(
        !text.contains("联系人") && !text.contains(&bureau.name),
        "{text}"
    );
}

/// The 汇总意见 of the lead unit's 报送表 counts units in words a clerk writes (已报送3个
/// 单位，均为长期坚持), lists the partners it still waits on, and says its own progress is
/// still to fill in (我局进展待补充) rather than naming itself among them.
#[test]
fn the_consolidated_summary_reads_as_written_by_the_lead_unit() {
    let dir = tempfile::tempdir().unwrap();
    let returns = dir.path().join("lead");
    lead_round(&returns);
    // The lead unit has not filled in its own checklist yet.
    std::fs::remove_file(returns.join(format!("{LEAD}.xlsx"))).unwrap();
    let plan = common::shipped_plan();
    let lead = build_round(&plan, &returns, &Scope::Lead(LEAD.into()));
    let own: Vec<u32> = lead
        .units
        .iter()
        .find(|u| u.name == LEAD)
        .unwrap()
        .missing
        .clone();
    assert!(!own.is_empty());
    let bytes = consolidated_bytes(&lead).unwrap();
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let name = wb.sheet_names()[0].clone();
    let range = wb.worksheet_range(&name).unwrap();
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    let header = rows
        .iter()
        .position(|r| r.contains(&"汇总意见".to_string()))
        .unwrap();
    let col = rows[header].iter().position(|c| c == "汇总意见").unwrap();
    let mut seen = 0;
    for row in &rows[header + 1..] {
        let (Some(id), Some(summary)) = (
            row.first().and_then(|c| c.parse::<u32>().ok()),
            row.get(col).filter(|s| !s.is_empty()),
        ) else {
            continue;
        };
        seen += 1;
        assert!(
            summary.starts_with("已报送") || summary.starts_with("尚无单位报送"),
            "{id}: {summary}"
        );
        assert!(
            !summary.contains("条") && !summary.contains("：我局"),
            "{id}: {summary}"
        );
        assert_eq!(
            summary.contains("我局进展待补充"),
            own.contains(&id),
            "{id}: {summary}"
        );
    }
    assert!(seen >= own.len(), "{seen}");
}

/// A lead unit's reminder to its partners never gives them until after its own deadline
/// to the bureau (收到本通知后3个工作日内 ran past it): before that deadline it names the
/// deadline, on or after it asks at once. The bureau's reminders give 3 working days.
#[test]
fn a_lead_units_reminder_asks_for_progress_before_its_own_deadline() {
    let plan = common::shipped_plan();
    let l = build_round(&plan, Path::new("/nonexistent"), &Scope::Lead(LEAD.into()));
    let due = l.plan.return_deadline;
    let partner = units_to_remind(&l)
        .into_iter()
        .find(|u| u.name != LEAD)
        .expect("a partner to remind");
    let t = Templates::new(None);
    let text = |date: NaiveDate| blocks_text(&reminder_blocks(&l, partner, &t, date).unwrap());
    let before = text(due - chrono::Duration::days(1));
    let said = format!("请于{}前", rectify::common::dates::render_date(due));
    assert!(before.contains(&said), "{said}\n{before}");
    assert!(!before.contains("3个工作日内"), "{before}");
    assert!(text(due).contains("请接到本通知后立即在下发的填报表中填写"));
    // The bureau's notice of its date (adv43 c06: 区水利局's reminders read 和我局2020年11月
    // 20日通知要求), and the lead's own, which set the partners' earlier deadline (adv48 b
    // H4: the bureau's notice was credited with it).
    let noticed = format!(
        "、区生态环境局{}通知和我局通知要求",
        rectify::common::dates::render_date(l.plan.notice_date)
    );
    assert!(before.contains(&noticed), "{noticed}\n{before}");
    let bureau = build_ledger(&plan, Path::new("/nonexistent"));
    let u = units_to_remind(&bureau)[0];
    // The bureau's reminders give three working days, as a date: 12月10日 (a Thursday)
    // → 12月15日.
    let text = |date| blocks_text(&reminder_blocks(&bureau, u, &t, date).unwrap());
    let thursday = NaiveDate::from_ymd_opt(2020, 12, 10).unwrap();
    assert!(
        text(thursday).contains("请于2020年12月15日前"),
        "{}",
        text(thursday)
    );
    assert!(
        !text(thursday).contains("收到本通知后"),
        "{}",
        text(thursday)
    );
}

/// A lead unit's list of units not yet reporting counts the units that report to it,
/// not the plan's (《整改方案》应报送单位30个 read as if the plan had 30).
#[test]
fn a_lead_units_list_of_missing_units_says_whose_units_they_are() {
    let plan = common::shipped_plan();
    let l = build_round(&plan, Path::new("/nonexistent"), &Scope::Lead(LEAD.into()));
    let text =
        blocks_text(&rectify::reminder_list_blocks(&l, &Templates::new(None), l.as_of).unwrap());
    let said = format!(
        "我局{}的整改任务应向我局报送进展的单位{}个",
        rectify::model::queries::lead_word(&l),
        l.summary.units_expected
    );
    assert!(text.contains(&said), "{said}\n{text}");
    assert!(!text.contains("《整改方案》应报送单位"), "{text}");
    // One group alone is not numbered （一） (adv50 d 4).
    assert!(text.contains("Para(\"未报送任何进展的单位（"), "{text}");
    assert!(!text.contains("（一）"), "{text}");
}

/// A unit whose only return came after the as-of date is not reminded (what the return
/// holds is not asked for again), so the list of units owing and 附件2 say when it came
/// and that it counts next round (adv50 b 3: both called it silent, and no reminder
/// said otherwise). On the shipped returns 区发展改革委 sent its file on 12月6日.
#[test]
fn a_unit_whose_return_came_late_is_listed_with_its_day() {
    let mut plan = common::shipped_plan();
    plan.meta.as_of = NaiveDate::from_ymd_opt(2020, 12, 5).unwrap();
    let mut l = build_round(
        &plan,
        &common::repo().join("input/returns"),
        &Scope::Lead(LEAD.into()),
    );
    // The lead signs its report after the late return came (one signed before it does
    // not tell its day: report.rs `a_report_tells_a_late_returns_day_only_when_dated_after_it`).
    l.plan.report_date = date(2020, 12, 10);
    let late = "区发展改革委";
    let u = l.units.iter().find(|u| u.name == late).unwrap();
    assert!(u.sent_nothing() && !u.missing.is_empty());
    assert!(!units_to_remind(&l).iter().any(|u| u.name == late));
    let list =
        blocks_text(&rectify::reminder_list_blocks(&l, &Templates::new(None), l.as_of).unwrap());
    // Listed apart, not among the units that sent nothing (adv50 d 4).
    assert!(
        list.contains(&format!(
            "统计截止日期后报送、纳入下期汇总的单位（1个）：{late}（12月6日报送）。"
        )),
        "{list}"
    );
    assert!(
        list.contains("（一）未报送任何进展的单位（20个）：中山路街道、"),
        "{list}"
    );
    let report = report_text(&l);
    let said = format!("{late}（12月6日报送，晚于统计截止日期，纳入下期汇总）");
    assert!(report.contains(&format!("1．{said}：")), "{report}");
    // The lead's own task still to fill in (第53项, shared with the bureau and 区卫健委)
    // is its 【待补充】 line, not a task on which it received nothing (adv50 b 12).
    assert!(report.contains("我局承担的第53项任务进展"), "{report}");
    // Its one overdue task (第26项) is its own: it sets the date itself (adv50 d 3).
    assert!(
        report.contains("对已超过完成时限但尚未完成的1项任务，我局将明确完成时间"),
        "{report}"
    );
    assert!(!report.contains("尚未收到任何报送"), "{report}");
    // 一 and 附件1 say it too, as 附件2 does (adv53 b 4: 暂未收到报送 on its task, and
    // counted silent without a word).
    assert!(
        report.contains(&format!(
            "（其中{late}在统计截止日期后报送，纳入下期汇总；名单见附件2）"
        )),
        "{report}"
    );
    let three = &report[report.find("三、存在的问题").unwrap()..report.find("四、下一步").unwrap()];
    assert!(
        three.contains(&format!(
            "（其中{late}在统计截止日期后报送，纳入下期汇总；名单见附件2）"
        )),
        "{three}"
    );
    // In the bureau's round it answers task 47 alone: 附件1 does not say nothing came.
    let mut bureau = build_round(&plan, &common::repo().join("input/returns"), &Scope::Bureau);
    bureau.plan.report_date = date(2020, 12, 10);
    let report = report_text(&bureau);
    assert!(
        report.contains(&format!(
            "未在统计截止日期前报送（{late}于12月6日报送，纳入下期汇总）。"
        )),
        "{report}"
    );
    // 三's tasks nothing came in on by the as-of date name their late units so.
    let nothing_in = report
        .split('。')
        .find(|s| s.contains("项任务尚未收到任何报送"))
        .unwrap_or_default();
    assert!(
        nothing_in.contains("在统计截止日期后报送，纳入下期汇总）"),
        "{nothing_in}"
    );
    // 三（一）'s overdue tasks whose 责任单位尚未报送完成情况 say which of those units
    // sent theirs after the as-of date (on the shipped returns 区住房城乡建委 owes 第33、
    // 37项, 区发展改革委 第47项).
    let overdue = report
        .split('\n')
        .find(|p| p.contains("责任单位尚未报送完成情况："))
        .unwrap_or_default();
    let told = overdue
        .split("其中，")
        .nth(1)
        .and_then(|s| s.split("已在统计截止日期后报送，纳入下期汇总。").next())
        .unwrap_or_default();
    assert!(
        told.contains(&format!("{late}（生态环境保护纳入“十四五”规划）"))
            && told.contains("区住房城乡建委（")
            && !told.contains("区水利局"),
        "{overdue}"
    );
    // A task two deciders of which are awaited, one late: the silent one named apart
    // (second review d 6: 区住房城乡建委、重庆市永川区惠永水务有限公司尚未报送，其中区住房城乡
    // 建委于…报送).
    assert!(
        report.contains("（重庆市永川区惠永水务有限公司尚未报送；区住房城乡建委于12月")
            && !report.contains("尚未报送，其中"),
        "{report}"
    );
    // Where others' reports are quoted, a late decider is not called one that has not
    // reported (second review d 1).
    assert!(
        report.contains("（区住房城乡建委于12月")
            && report.contains("报送，纳入下期汇总；以下为其他单位报送的相关进展）")
            && !report.contains("区住房城乡建委尚未报送，以下为"),
        "{report}"
    );
    // The 报送表's 汇总意见 on its task (第20项) says the same (adv51 b 6: 尚未报送).
    let form = form_rows(&consolidated_bytes(&l).unwrap());
    let summary = summary_of(&form, 20);
    assert!(
        summary.contains(&format!("{late}12月6日报送，纳入下期汇总")),
        "{summary}"
    );
    assert!(!summary.contains(&format!("尚未报送：{late}")), "{summary}");
}

/// A return after the as-of date that holds none of the tasks the unit owes this round
/// is not told as coming next round: 区农业农村委's 报送表 of 12月7日 (its own tasks) in
/// 区住房城乡建委's round, where it owes 第39项 as a partner. Before (second review d 2):
/// 其中区农业农村委在统计截止日期后报送，纳入下期汇总, while nothing of it would come.
#[test]
fn a_late_return_without_the_owed_tasks_is_not_told_as_coming() {
    let mut plan = common::shipped_plan();
    plan.meta.as_of = NaiveDate::from_ymd_opt(2020, 12, 5).unwrap();
    let returns = common::repo().join("input/returns");
    let mut l = build_round(&plan, &returns, &Scope::Lead("区住房城乡建委".into()));
    l.plan.report_date = date(2020, 12, 10);
    let u = l.units.iter().find(|u| u.name == "区农业农村委").unwrap();
    assert!(u.sent_nothing() && !u.missing.is_empty(), "{u:?}");
    assert!(u.late.is_empty(), "{u:?}");
    let report = report_text(&l);
    assert!(
        !report.contains("区农业农村委在统计截止日期后报送"),
        "{report}"
    );
    assert!(!report.contains("区农业农村委（12月7日报送"), "{report}");
}

/// The rows of a 报送表's first sheet as text.
fn form_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let name = wb.sheet_names()[0].clone();
    let range = wb.worksheet_range(&name).unwrap();
    range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

/// The 汇总意见 of task `id` on a 报送表 ([`form_rows`]).
fn summary_of(rows: &[Vec<String>], id: u32) -> String {
    let header = rows
        .iter()
        .position(|r| r.contains(&"汇总意见".to_string()))
        .unwrap();
    let col = rows[header].iter().position(|c| c == "汇总意见").unwrap();
    rows.iter()
        .find(|r| r.first().is_some_and(|c| c == &id.to_string()))
        .map(|r| r[col].clone())
        .unwrap_or_else(|| panic!("task {id}"))
}

/// The 报送表's 汇总意见 tells the lead's own report as its own (我局已完成) and counts
/// only the units that reported to it. Before (adv54 b 5): 已报送1个单位，为已完成 where
/// that unit was the lead itself.
#[test]
fn a_forms_summary_tells_the_leads_own_report_as_its_own() {
    let plan = common::shipped_plan();
    let l = build_round(
        &plan,
        &common::repo().join("input/returns"),
        &Scope::Lead("区水利局".into()),
    );
    let rows = form_rows(&consolidated_bytes(&l).unwrap());
    for t in l.tasks.iter() {
        let summary = summary_of(&rows, t.id);
        let own = t.current_reports().any(|r| r.unit == "区水利局");
        let others = t.current_reports().filter(|r| r.unit != "区水利局").count();
        assert_eq!(summary.starts_with("我局"), own, "{}: {summary}", t.id);
        assert_eq!(
            summary.contains("已报送"),
            others > 0,
            "{}: {summary}",
            t.id
        );
    }
    assert_eq!(summary_of(&rows, 21), "我局已完成。");
    assert!(
        summary_of(&rows, 18).starts_with("我局长期坚持推进；已报送"),
        "{}",
        summary_of(&rows, 18)
    );
}

/// A lead's report with none of its open tasks overdue says so plainly (其余4项任务均未
/// 超过完成时限，均为12月底到期), not 没有已超过完成时限的 (adv51 b 12); its completion rate
/// has one decimal, as the check and the workbook print it.
#[test]
fn a_report_with_nothing_overdue_says_so_plainly() {
    let mut plan = common::shipped_plan();
    plan.meta.as_of = date(2020, 12, 5);
    let l = build_round(
        &plan,
        &common::repo().join("input/returns"),
        &Scope::Lead("区农业农村委".into()),
    );
    assert_eq!(l.summary.red, 0);
    let body = report_text(&l);
    assert!(!body.contains("没有已超过完成时限的"), "{body}");
    assert!(body.contains("项任务均未超过完成时限，"), "{body}");
    let rate = format!("完成率{:.1}%", l.summary.completion_rate);
    assert!(body.contains(&rate), "{rate}: {body}");
}

/// A partner's 已完成 whose own words say work is left (剩余沟渠整治计划12月底前完成) is
/// passed on to the bureau with the reason in its note (…，待核实。) and counted as 待核实
/// in the 汇总意见, not as 已完成 (adv51 b 5); its status cell keeps the unit's word, so
/// the bureau reading the form back finds a status it knows and the same doubt, not a
/// word of the lead's it cannot read nor a row differing from the town's own return.
#[test]
fn a_partners_doubtful_done_is_passed_on_as_to_verify() {
    use common::{measure, n, standard_return, std_row, write_workbook, V};
    let plan = common::shipped_plan();
    let dir = tempfile::tempdir().unwrap();
    let lead = "区农业农村委";
    write_workbook(
        &dir.path().join("双石镇.xlsx"),
        &[standard_return(
            "填报单位：双石镇",
            vec![std_row(
                n(5.0),
                &measure(5),
                "完成农田排灌沟渠清淤整治10公里，剩余沟渠整治计划12月底前完成。",
                "已完成",
                V::E,
            )],
        )],
    );
    let l = build_round(&plan, dir.path(), &Scope::Lead(lead.into()));
    let rows = form_rows(&consolidated_bytes(&l).unwrap());
    let row = rows
        .iter()
        .find(|r| r.iter().any(|c| c == "双石镇"))
        .expect("双石镇's row");
    assert!(row.iter().any(|c| c == "已完成"), "{row:?}");
    assert!(
        row.iter()
            .any(|c| c.contains("但进展情况写明“剩余沟渠整治计划12月底前完成”，待核实。")),
        "{row:?}"
    );
    assert!(
        summary_of(&rows, 5).starts_with("已报送1个单位，为待核实；"),
        "{}",
        summary_of(&rows, 5)
    );
    // The bureau reads the form beside the town's own return.
    std::fs::write(
        dir.path().join(format!("报送表-{lead}.xlsx")),
        consolidated_bytes(&l).unwrap(),
    )
    .unwrap();
    let bureau = build_round(&plan, dir.path(), &Scope::Bureau);
    let r: Vec<_> = current(&bureau, 5, "双石镇");
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].status, Status::Completed);
    assert!(r[0].doubt.is_some());
    assert!(
        !bureau
            .problems
            .iter()
            .any(|p| p.code == rectify::model::Code::Conflict || p.message.contains("无法识别")),
        "{:#?}",
        bureau.problems
    );
}

/// A lead unit edits its 报送表 before sending it: it deletes a partner's row and
/// corrects the 填报单位 cell of another. Each row is the unit its 填报单位 cell names,
/// not the one the form's hidden list had at that position.
#[test]
fn a_lead_units_edited_consolidated_return_is_read_as_written() {
    use common::V;
    let dir = tempfile::tempdir().unwrap();
    let mut lead = lead_round(&dir.path().join("lead"));
    lead.plan.report_date = date(2020, 12, 4);
    let bytes = consolidated_bytes(&lead).unwrap();
    let text = |v: &V| match v {
        V::S(s) => s.clone(),
        V::N(x) => x.to_string(),
        _ => String::new(),
    };
    // Task 23's partner rows: the first is deleted, the second's unit corrected to a
    // partner of task 23 that has no row of its own.
    let plan = common::shipped_plan();
    let t23 = plan.tasks.iter().find(|t| t.id == 23).unwrap();
    let mut deleted = String::new();
    let mut moved: Option<(String, String, String)> = None;
    let bureau_returns = dir.path().join("bureau");
    std::fs::create_dir_all(&bureau_returns).unwrap();
    common::resaved(
        &bytes,
        &bureau_returns.join("报送表-区水利局.xlsx"),
        |rows| {
            let header = rows
                .iter()
                .position(|r| r.iter().any(|c| text(c) == "填报单位"))
                .unwrap();
            let unit_col = rows[header]
                .iter()
                .position(|c| text(c) == "填报单位")
                .unwrap();
            let progress_col = rows[header]
                .iter()
                .position(|c| text(c) == "整改进展情况")
                .unwrap();
            let start = (header + 1..rows.len())
                .find(|&r| text(&rows[r][0]) == "23")
                .unwrap();
            let group: Vec<usize> = (start + 1..rows.len())
                .take_while(|&r| {
                    text(&rows[r][0]).is_empty() && !text(&rows[r][unit_col]).is_empty()
                })
                .collect();
            assert!(group.len() >= 2, "task 23 has partner rows: {group:?}");
            let listed: Vec<String> = (start..start + 1 + group.len())
                .map(|r| text(&rows[r][unit_col]))
                .collect();
            let other = t23
                .cooperating
                .units
                .iter()
                .chain(&t23.responsible.units)
                .find(|u| !listed.contains(u))
                .unwrap()
                .clone();
            let keep = group[1];
            moved = Some((
                text(&rows[keep][unit_col]),
                other.clone(),
                text(&rows[keep][progress_col]),
            ));
            rows[keep][unit_col] = V::S(other);
            deleted = text(&rows[group[0]][unit_col]);
            rows.remove(group[0]);
        },
    );
    let bureau = build_ledger(&plan, &bureau_returns);
    let (was, now, progress) = moved.unwrap();
    assert!(current(&bureau, 23, &deleted).is_empty(), "{deleted}");
    assert!(current(&bureau, 23, &was).is_empty(), "{was}");
    let r = current(&bureau, 23, &now);
    assert_eq!(r.len(), 1, "{now}");
    assert_eq!(r[0].progress, progress);
    assert_eq!(r[0].via.as_deref(), Some(LEAD));
    // The rows below the deleted one keep their own units and tasks.
    for t in &lead.tasks {
        for r in t.current_reports() {
            if t.id == 23 && [deleted.as_str(), was.as_str()].contains(&r.unit.as_str()) {
                continue;
            }
            let found = current(&bureau, t.id, &r.unit);
            assert_eq!(found.len(), 1, "task {} unit {}", t.id, r.unit);
            assert_eq!(
                found[0].progress, r.progress,
                "task {} unit {}",
                t.id, r.unit
            );
        }
    }
}

/// A lead unit is not asked to chase its partners on a task already reported done: on
/// the shipped returns 区农业农村委's task 10 (作坊 closed in September) has partners
/// that never wrote, and its reminder leaves that task out of 尚未汇总进展.
#[test]
fn a_lead_is_not_asked_to_chase_partners_on_a_finished_task() {
    use rectify::model::Status;
    let l = build_ledger(
        &common::shipped_plan(),
        &common::repo().join("input/returns"),
    );
    let mut finished_with_silent_partners = 0;
    for lead in &l.units {
        for t in l.tasks.iter().filter(|t| {
            lead.expected.contains(&t.id)
                && t.gathered_by(&lead.name)
                && t.status == Status::Completed
        }) {
            let deciders = t.deciders();
            if t.named_units().any(|u| {
                !deciders.contains(u)
                    && *u != l.plan.collector
                    && !t.current_reports().any(|r| &r.unit == u)
            }) {
                finished_with_silent_partners += 1;
                assert!(
                    partners_missing(&l, lead).iter().all(|(m, _)| m.id != t.id),
                    "{} chased on finished task {}",
                    lead.name,
                    t.id
                );
            }
        }
    }
    assert!(
        finished_with_silent_partners > 0,
        "the shipped returns have such a task"
    );
}

/// 区城市管理局's consolidated return, filed 2020年12月4日, with a 报送单位 column: a row
/// per (task, unit, progress, status).
fn city_consolidation(rows: &[(u32, &str, &str, &str)]) -> common::SheetSpec {
    let mut spec = common::SheetSpec::new("汇总")
        .text_row(&[
            "填报单位：区城市管理局",
            "",
            "",
            "",
            "填报日期：2020年12月4日",
        ])
        .text_row(&["序号", "具体举措", "报送单位", "整改进展情况", "完成状态"]);
    for (id, unit, said, status) in rows {
        spec = spec.text_row(&[&id.to_string(), &common::measure(*id), unit, said, status]);
    }
    spec
}

/// Under lead reporting, a town whose only row came in its lead unit's consolidated
/// return (区城市管理局's 汇总表 with a row of 卫星湖街道 on task 28, which that lead
/// gathers) sent nothing itself: the report, the list of units owing reports and its
/// reminder say it sent nothing, not that it "reported part of its progress".
#[test]
fn a_town_heard_of_only_through_its_lead_sent_nothing_itself() {
    use common::write_workbook;
    let plan = common::shipped_plan();
    let dir = tempfile::tempdir().unwrap();
    let spec = city_consolidation(&[
        (28, "区城市管理局", "已印发考核办法，按月考核。", "长期坚持"),
        (28, "卫星湖街道", "落实保洁员10名，每日清漂。", "长期坚持"),
    ]);
    write_workbook(&dir.path().join("区城市管理局汇总.xlsx"), &[spec]);
    let l = build_ledger(&plan, dir.path());
    let town = l.units.iter().find(|u| u.name == "卫星湖街道").unwrap();
    assert_eq!(current(&l, 28, "卫星湖街道").len(), 1);
    assert!(!town.direct && town.via == ["区城市管理局"], "{town:?}");
    assert!(!town.expected.is_empty() && town.missing.len() == town.expected.len());
    assert!(town.sent_nothing());
    assert!(!town.reported_none_owed());
    let text = blocks_text(&reminder_blocks(&l, town, &Templates::new(None), l.as_of).unwrap());
    assert!(
        text.contains("我局尚未收到你单位报送的整改进展情况"),
        "{text}"
    );
    assert!(!text.contains("已收到你单位报送的"), "{text}");
    let body = report_text(&l);
    assert!(body.contains("卫星湖街道（未报送任何进展）"), "{body}");
    assert!(
        !body.contains("卫星湖街道（应向我局报送的任务均未报送）"),
        "{body}"
    );
    // 附件1 quotes its row as the lead's consolidation carried it, not as its own report.
    assert!(
        body.contains("卫星湖街道（据区城市管理局汇总）：落实保洁员10名"),
        "{body}"
    );
}

/// The text of the round's report, tags dropped.
fn report_text(l: &Ledger) -> String {
    let docx = rectify::report_docx(l, &Templates::new(None)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(
        &mut zip::ZipArchive::new(std::io::Cursor::new(docx))
            .unwrap()
            .by_name("word/document.xml")
            .unwrap(),
        &mut xml,
    )
    .unwrap();
    let mut body = String::new();
    let mut in_tag = false;
    for c in xml.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => body.push(c),
            _ => {}
        }
    }
    body
}

/// A lead unit's 附件2 marks as 配合 only the tasks a unit cooperates on: the towns
/// responsible for 第34、35、39项 under 区住房城乡建委 are not (adv44 c05: they were
/// called 配合, against the plan and the notices sent them).
#[test]
fn a_lead_units_annex_calls_only_cooperating_units_so() {
    let plan = common::shipped_plan();
    let empty = tempfile::tempdir().unwrap();
    let l = build_round(&plan, empty.path(), &Scope::Lead("区住房城乡建委".into()));
    let body = report_text(&l).replace('\u{200b}', "");
    let annex = body.rsplit("未报送进展的单位及任务清单").next().unwrap();
    assert!(annex.contains("（第30、34、35、39项）"), "{annex}");
    assert!(!annex.contains("35、39项，配合"), "{annex}");
    // …and on 第40项 they cooperate.
    assert!(annex.contains("（第40项，配合）"), "{annex}");
    // 区农业农村委 and 区卫健委 do cooperate on 第39项.
    assert!(
        annex.contains("区农业农村委、区卫健委（2个单位，均未报送任何进展）：农村居民集聚点生活污水处理设施（第39项，配合）"),
        "{annex}"
    );
}

/// A town's own return and its lead unit's consolidated row for it, filed the same day,
/// saying different things: the town's own words stand (the status counts from them),
/// the lead's row gives way, and one warning asks the lead to check its row. A town
/// whose two rows agree is counted once, as before.
#[test]
fn a_towns_own_return_stands_over_its_leads_row_for_it() {
    use common::{measure, write_workbook, SheetSpec};
    let plan = common::shipped_plan();
    let dir = tempfile::tempdir().unwrap();
    let lead = city_consolidation(&[
        (28, "区城市管理局", "已印发考核办法，按月考核。", "长期坚持"),
        (28, "来苏镇", "正在招聘专职保洁员。", "正在推进"),
        (28, "宝峰镇", "落实保洁员6名，每日清漂。", "长期坚持"),
    ]);
    write_workbook(&dir.path().join("区城市管理局汇总.xlsx"), &[lead]);
    for (town, said) in [
        ("来苏镇", "组建清漂队伍2支、保洁员16名，每日清漂。"),
        ("宝峰镇", "落实保洁员6名，每日清漂。"),
    ] {
        let own = SheetSpec::new("进展")
            .text_row(&[
                &format!("填报单位：{town}"),
                "",
                "",
                "填报日期：2020年12月4日",
            ])
            .text_row(&["序号", "具体举措", "整改进展情况", "完成状态"])
            .text_row(&["28", &measure(28), said, "长期坚持"]);
        write_workbook(&dir.path().join(format!("{town}.xlsx")), &[own]);
    }
    let l = build_ledger(&plan, dir.path());
    let laisu = current(&l, 28, "来苏镇");
    assert_eq!(laisu.len(), 1, "{laisu:#?}");
    assert_eq!(laisu[0].via, None);
    assert_eq!(laisu[0].status, Status::Ongoing);
    assert_eq!(laisu[0].source.file, "来苏镇.xlsx");
    let warned: Vec<_> = l
        .problems
        .iter()
        .filter(|p| p.message.contains("汇总表中代填的来苏镇进展"))
        .collect();
    assert_eq!(warned.len(), 1, "{:#?}", l.problems);
    assert_eq!(warned[0].severity, rectify::model::Severity::Warning);
    assert!(warned[0].message.contains("以来苏镇自行报送的为准"));
    // No conflict error is left on it, and the agreeing town is counted once.
    assert!(!l
        .problems
        .iter()
        .any(|p| p.severity == rectify::model::Severity::Error
            && p.message.contains("来苏镇对第28项")));
    assert_eq!(current(&l, 28, "宝峰镇").len(), 1);
    // The lead is asked, in its notice, to check the row that gave way (来苏镇's), not
    // the one that agreed (宝峰镇's).
    let lead = l.units.iter().find(|u| u.name == "区城市管理局").unwrap();
    let asked: Vec<_> = lead.to_verify.iter().filter(|v| v.task == 28).collect();
    assert_eq!(asked.len(), 1, "{:?}", lead.to_verify);
    assert!(
        asked[0]
            .why
            .contains("汇总表中来苏镇的进展与其自行报送的不一致"),
        "{:?}",
        asked[0]
    );
    assert!(!asked[0].why.contains("宝峰镇"), "{:?}", asked[0]);
    let town = l.units.iter().find(|u| u.name == "来苏镇").unwrap();
    assert!(
        town.to_verify.iter().all(|v| v.task != 28),
        "{:?}",
        town.to_verify
    );
}

/// A town's reminder names the tasks it reported itself, not a task whose only row came
/// in its lead unit's consolidated return.
#[test]
fn a_reminder_names_only_what_the_unit_sent_itself() {
    use common::{measure, write_workbook, SheetSpec};
    let plan = common::shipped_plan();
    let blank = build_ledger(&plan, Path::new("/nonexistent"));
    let town = blank.units.iter().find(|u| u.name == "卫星湖街道").unwrap();
    // A task of the town's that a lead unit gathers, other than 28.
    let own = blank
        .tasks
        .iter()
        .find(|t| {
            t.id != 28 && t.named_units().any(|u| *u == town.name) && !town.expected.contains(&t.id)
        })
        .expect("a task the town reports through a lead")
        .id;
    let dir = tempfile::tempdir().unwrap();
    let lead = city_consolidation(&[(28, "卫星湖街道", "落实保洁员10名，每日清漂。", "长期坚持")]);
    write_workbook(&dir.path().join("区城市管理局汇总.xlsx"), &[lead]);
    let mine = SheetSpec::new("进展")
        .text_row(&["填报单位：卫星湖街道", "", "", "填报日期：2020年12月4日"])
        .text_row(&["序号", "具体举措", "整改进展情况", "完成状态"])
        .text_row(&[&own.to_string(), &measure(own), "已完成排查。", "已完成"]);
    write_workbook(&dir.path().join("卫星湖街道.xlsx"), &[mine]);
    let l = build_ledger(&plan, dir.path());
    let town = l.units.iter().find(|u| u.name == "卫星湖街道").unwrap();
    assert!(
        town.reported.contains(&own) && town.reported.contains(&28),
        "{town:?}"
    );
    let text = blocks_text(&reminder_blocks(&l, town, &Templates::new(None), l.as_of).unwrap());
    assert!(
        text.contains(&format!("我局已收到你单位报送的第{own}项任务进展")),
        "{text}"
    );
    assert!(!text.contains("28项任务进展"), "{text}");
}

/// A task its deciders report completed needs nothing more from the units that only help
/// with it: one that sent nothing on it no longer owes it (no reminder, not in 附件2, not
/// counted as missing); what one wrote unclearly on it is not asked about.
#[test]
fn a_completed_task_is_not_chased_from_its_helpers() {
    let plan = common::shipped_plan();
    let none = rectify::build_ledger(&plan, std::path::Path::new("/nonexistent"));
    // A task two units owe without deciding it, decided by units other than the bureau.
    let helpers_of = |id: u32| -> Vec<String> {
        let t = none.task(id).unwrap();
        none.units
            .iter()
            .filter(|u| u.expected.contains(&id) && !t.deciders().contains(&u.name))
            .map(|u| u.name.clone())
            .collect()
    };
    let t = none
        .tasks
        .iter()
        .find(|t| {
            !t.deciders().contains(&none.plan.collector)
                && t.deadline.due.is_some()
                && helpers_of(t.id).len() >= 2
        })
        .expect("a task two units help with");
    let (task, deciders) = (t.id, t.deciders().to_vec());
    let helpers = helpers_of(task);
    let (writer, silent) = (&helpers[0], &helpers[1]);
    let dir = tempfile::tempdir().unwrap();
    let write = |unit: &str, status: &str, said: &str| {
        common::write_dated_return(
            &dir.path().join(format!("{unit}.xlsx")),
            unit,
            "2020年12月3日",
            &[&[&task.to_string(), &common::measure(task), said, status]],
        );
    };
    // One helper's return says nothing clear of the task.
    write(writer, "", "已配合开展相关工作。");
    let before = rectify::build_ledger(&plan, dir.path());
    let unit =
        |l: &'_ Ledger, name: &str| l.units.iter().find(|u| u.name == name).cloned().unwrap();
    assert!(unit(&before, silent).missing.contains(&task));
    assert!(unit(&before, writer)
        .to_verify
        .iter()
        .any(|v| v.task == task));
    for d in &deciders {
        write(d, "已完成", "已全面完成整改，并通过验收。");
    }
    let after = rectify::build_ledger(&plan, dir.path());
    assert_eq!(after.task(task).unwrap().status, Status::Completed);
    let s = unit(&after, silent);
    assert!(
        !s.expected.contains(&task) && !s.missing.contains(&task),
        "{s:?}"
    );
    let w = unit(&after, writer);
    assert!(
        w.expected.contains(&task) && !w.missing.contains(&task),
        "{w:?}"
    );
    assert!(
        w.to_verify.iter().all(|v| v.task != task),
        "{:?}",
        w.to_verify
    );
    // Its deciders still owe it, and have it.
    for d in &deciders {
        let d = unit(&after, d);
        assert!(d.expected.contains(&task) && !d.missing.contains(&task));
    }
}

/// A lead unit's own 已完成 while a town under it says 正在推进 is no doubt for the lead
/// to check with itself in its own report (adv51 b 4: 我委报“已完成”，宝峰镇报“正在推进”，
/// 需与责任单位核实): the task is 正在推进 until the town finishes, and the lead's clerk is
/// warned at its own row. The tasks it keeps up are counted when two are named (四: 对A、
/// B2项需长期坚持的任务).
#[test]
fn a_lead_units_own_done_under_a_town_still_working_is_under_way() {
    use common::{measure, n, standard_return, std_row, write_workbook, V};
    let plan = common::shipped_plan();
    let dir = tempfile::tempdir().unwrap();
    let lead = "区农业农村委";
    write_workbook(
        &dir.path().join(format!("{lead}.xlsx")),
        &[standard_return(
            &format!("填报单位：{lead}"),
            vec![
                std_row(
                    n(1.0),
                    &measure(1),
                    "全区池塘标准化改造已全部完成。",
                    "已完成",
                    V::E,
                ),
                std_row(
                    n(6.0),
                    &measure(6),
                    "严格执行屠宰厂定点要求。",
                    "长期坚持",
                    V::E,
                ),
                std_row(n(9.0), &measure(9), "开展联合执法检查。", "长期坚持", V::E),
            ],
        )],
    );
    write_workbook(
        &dir.path().join("宝峰镇.xlsx"),
        &[standard_return(
            "填报单位：宝峰镇",
            vec![std_row(
                n(1.0),
                &measure(1),
                "尾水处理设施正在建设。",
                "正在推进",
                V::E,
            )],
        )],
    );
    let l = build_round(&plan, dir.path(), &Scope::Lead(lead.into()));
    let t = l.task(1).unwrap();
    assert_eq!(t.status, Status::InProgress);
    assert!(t.doubts.is_empty(), "{:?}", t.doubts);
    let warned: Vec<&str> = l
        .problems
        .iter()
        .filter(|p| p.code == rectify::model::Code::Conflict)
        .map(|p| p.message.as_str())
        .collect();
    assert_eq!(
        warned,
        ["区农业农村委对第1项报“已完成”，但宝峰镇报“正在推进”，已按“正在推进”汇总。如确已全部完成，请相关单位更正后重新报送。"]
    );
    let body = report_text(&l);
    assert!(!body.contains("需与责任单位核实"), "{body}");
    // The bureau's round on the same returns still asks (the lead's word against a
    // town's is for the bureau to check).
    let bureau = build_round(&plan, dir.path(), &Scope::Bureau);
    assert_eq!(bureau.task(1).unwrap().status, Status::Unclear);
    let plans = body.split("四、下一步工作打算").nth(1).unwrap();
    assert!(
        plans.contains("私屠滥宰等违法行为联动执法2项需长期坚持的任务"),
        "{plans}"
    );
}

/// In a lead unit's round, a partner whose file holds only tasks it owes elsewhere (its
/// own tasks under other leads) is told they are not the tasks it owes the lead, not that
/// they are other units' tasks (adv49 b4: 中山路街道 read 所填均为其他单位承担的任务
/// beside its own tasks 30 and 31).
#[test]
fn a_lead_units_reminder_says_a_file_held_no_task_owed_to_it() {
    use common::{measure, write_workbook, SheetSpec};
    let plan = common::shipped_plan();
    let dir = tempfile::tempdir().unwrap();
    let town = "中山路街道";
    let mut spec = SheetSpec::new("进展")
        .text_row(&[
            &format!("填报单位：{town}"),
            "",
            "",
            "填报日期：2020年12月4日",
        ])
        .text_row(&["序号", "具体举措", "整改进展情况", "完成状态"]);
    for id in [30u32, 31] {
        spec = spec.text_row(&[&id.to_string(), &measure(id), "正在推进改造。", "正在推进"]);
    }
    write_workbook(&dir.path().join(format!("{town}.xlsx")), &[spec]);
    let l = build_round(&plan, dir.path(), &Scope::Lead(LEAD.into()));
    let u = units_to_remind(&l)
        .into_iter()
        .find(|u| u.name == town)
        .expect("the town is reminded");
    let t = Templates::new(None);
    let text = blocks_text(&reminder_blocks(&l, u, &t, l.as_of).unwrap());
    assert!(
        text.contains(&format!(
            "已收到你单位报送的“{town}.xlsx”，但其中所填均不是应向我局报送的任务"
        )),
        "{text}"
    );
    assert!(!text.contains("其他单位承担的任务"), "{text}");
}

/// In a lead unit's round, a task it shares with other responsible units and no lead
/// (拦河养鱼, 区水利局 and every town) says in 附件1 that its status is of the lead's
/// part, the rest reporting to the bureau (adv52 b3: 区水利局's report said 已完成 where
/// the bureau's said 已报完成待确认). Tasks it leads, and the bureau's report, say
/// nothing of the kind.
#[test]
fn a_lead_units_shared_task_is_told_as_its_part() {
    let plan = common::shipped_plan();
    let empty = tempfile::tempdir().unwrap();
    let l = build_round(&plan, empty.path(), &Scope::Lead("区水利局".into()));
    let shared: Vec<&rectify::model::TaskEntry> = l
        .tasks
        .iter()
        .filter(|t| t.lead.is_empty() && t.responsible.len() > 1)
        .collect();
    assert!(!shared.is_empty(), "the plan has such a task for 区水利局");
    let body = report_text(&l);
    for t in &shared {
        let line = format!(
            "（本项任务由{}个责任单位共同负责，此处为我局负责部分及经我局汇总的进展，其余责任单位的进展由区生态环境局汇总）",
            t.responsible.len()
        );
        assert!(body.contains(&line), "task {}: {body}", t.id);
    }
    assert_eq!(body.matches("个责任单位共同负责").count(), shared.len());
    let bureau = build_round(&plan, empty.path(), &Scope::Bureau);
    assert!(!report_text(&bureau).contains("个责任单位共同负责"));
}

/// The round's writer's own report that its text doubts (区水利局's 正在推进 beside 该项
/// 工作已全部完成, in its own round) is counted as it wrote it: its report does not ask
/// it to check with itself, and its clerk is told at the row to mend the form (second
/// review d 4: 我局报送“正在推进”，但进展情况写明“已全部完成”，需与责任单位核实). Another
/// unit's doubted report stays 待核实.
#[test]
fn the_writers_own_doubted_report_is_counted_as_written() {
    use common::{measure, write_dated_return};
    let plan = common::shipped_plan();
    let dir = tempfile::tempdir().unwrap();
    write_dated_return(
        &dir.path().join("区水利局.xlsx"),
        "区水利局",
        "2020年12月4日",
        &[&[
            "26",
            &measure(26),
            "规划已报批，该项工作已全部完成。",
            "正在推进",
        ]],
    );
    let l = build_round(&plan, dir.path(), &Scope::Lead("区水利局".into()));
    let t = l.task(26).unwrap();
    assert_eq!(t.status, rectify::model::Status::InProgress);
    assert!(t.doubts.is_empty(), "{:?}", t.doubts);
    let body = report_text(&l);
    assert!(
        !body.contains("无法确定") && !body.contains("与责任单位核实"),
        "{body}"
    );
    assert!(l.problems.iter().any(|p| p.message.contains(
        "区水利局对第26项报送“正在推进”，但进展情况写明“已全部完成”，状态与进展不一致，报告中按所填的“正在推进”计。请核实后修改本单位的填报表"
    )), "{:#?}", l.problems);
    // In the bureau's round the same report is 区水利局's, to check.
    let bureau = build_round(&plan, dir.path(), &Scope::Bureau);
    assert_eq!(
        bureau.task(26).unwrap().status,
        rectify::model::Status::Unclear
    );
}

/// The bureau's round on `plan` where every unit owing reports sends its checklist with
/// everything done, tasks that never end kept up, all on 11月20日 (some after their
/// deadline).
fn everything_done(plan: &rectify::plan::Plan) -> Ledger {
    let empty = build_round(plan, Path::new("/nonexistent"), &Scope::Bureau);
    let dir = tempfile::tempdir().unwrap();
    for u in units_owing(&empty) {
        let mut filled = Filled {
            filed_on: Some(date(2020, 12, 4)),
            person: "李四".into(),
            phone: "49580000".into(),
            ..Default::default()
        };
        for id in &u.expected {
            let long_term = plan.task(*id).unwrap().deadline.is_long_term_only();
            filled.rows.insert(
                *id,
                FilledRow {
                    progress: if long_term {
                        "持续开展专项检查，发现问题已全部整改。".into()
                    } else {
                        "已按要求完成整改，相关制度文件已印发实施。".into()
                    },
                    status: if long_term {
                        "长期坚持"
                    } else {
                        "已完成"
                    }
                    .into(),
                    completed_on: (!long_term).then(|| date(2020, 11, 20)),
                    ..Default::default()
                },
            );
        }
        let bytes = filled_checklist_bytes(&empty, u, &filled).unwrap();
        std::fs::write(dir.path().join(format!("{}.xlsx", u.name)), bytes).unwrap();
    }
    build_round(plan, dir.path(), &Scope::Bureau)
}

/// 三 and 四 of a round with everything done: 三 does not say every task went to plan
/// (adv53 b 1: 各项整改任务均按计划推进 beside 28项晚于完成时限完成); under lead reporting
/// it names the tasks whose partners' progress the leads have not yet gathered and 四
/// presses the leads for it; 四's one remaining item has no lone （一） heading.
#[test]
fn a_round_with_everything_done_says_what_was_late_and_what_is_still_gathered() {
    let plan = common::shipped_plan();
    let l = everything_done(&plan);
    assert!(l.summary.done_late > 0, "{:?}", l.summary);
    let body = report_text(&l);
    let part = |body: &str, from: &str, to: &str| {
        body[body.find(from).unwrap()..body.find(to).unwrap()].to_string()
    };
    let three = part(&body, "三、存在的问题", "四、下一步");
    assert!(!three.contains("均按计划推进"), "{three}");
    assert!(
        three.contains(&format!(
            "已完成的{}项任务中有{}项晚于完成时限完成",
            l.summary.completed, l.summary.done_late
        )),
        "{three}"
    );
    // The leads' checklists carry only their own rows: their partners' progress on the
    // tasks that never end is still to be gathered.
    let gathering: Vec<&UnitEntry> = l
        .units
        .iter()
        .filter(|u| !partners_missing(&l, u).is_empty())
        .collect();
    assert!(!gathering.is_empty());
    let four = part(&body, "四、下一步", "特此报告");
    assert!(
        three.contains("项任务的责任单位、配合单位进展尚未经"),
        "{three}"
    );
    assert!(
        four.contains("督促汇总有关单位进展") && four.contains(&gathering[0].name),
        "{four}"
    );
    assert!(four.contains("（二）巩固整改成效"), "{four}");
    // Every unit reporting straight to the bureau: nothing is gathered, 四 is the one
    // item, with no heading.
    let mut direct = plan.clone();
    direct.meta.reporting = rectify::plan::meta::Reporting::Direct;
    let l = everything_done(&direct);
    let body = report_text(&l);
    let three = part(&body, "三、存在的问题", "四、下一步");
    assert!(!three.contains("配合单位进展"), "{three}");
    let four = part(&body, "四、下一步", "特此报告");
    assert!(
        !four.contains("（一）") && four.contains("回头看"),
        "{four}"
    );
}

/// A lead unit's round counts the rows on its own tasks as 汇总进展条数, not every row of
/// the folder (second review d 3: 173 beside a 报送明细 of 33 in 区水利局's round).
#[test]
fn a_lead_units_round_counts_the_rows_on_its_own_tasks() {
    let plan = common::shipped_plan();
    let returns = common::repo().join("input/returns");
    let lead = build_round(&plan, &returns, &Scope::Lead(LEAD.into()));
    let reports: u32 = lead.tasks.iter().map(|t| t.reports.len() as u32).sum();
    assert!(reports > 0);
    assert_eq!(lead.summary.records, reports);
    let bureau = build_round(&plan, &returns, &Scope::Bureau);
    assert!(
        bureau.summary.records > reports,
        "{}",
        bureau.summary.records
    );
}

/// A partner's report doubted by its own words, sent to the lead twice (in its own file
/// and in a town consolidation), says why once in the lead's form, not the same sentence
/// twice in one 备注 cell (session 57 review d 3: 区农业农村委's K15).
#[test]
fn a_doubt_is_said_once_in_the_lead_units_form() {
    use calamine::Reader;
    let plan = common::shipped_plan();
    let lead = build_round(
        &plan,
        &common::repo().join("input/returns"),
        &Scope::Lead("区农业农村委".into()),
    );
    let doubted: Vec<String> = lead
        .tasks
        .iter()
        .flat_map(|t| t.current_reports())
        .filter_map(|r| r.doubt.clone())
        .collect();
    assert!(!doubted.is_empty(), "the demo has a doubted partner report");
    let bytes = consolidated_bytes(&lead).unwrap();
    let mut wb: calamine::Xlsx<_> = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let sheet = wb.worksheet_range_at(0).unwrap().unwrap();
    let mut seen = 0;
    for cell in sheet.used_cells() {
        let text = cell.2.to_string();
        for d in &doubted {
            let n = text.matches(d.as_str()).count();
            assert!(n <= 1, "said {n} times: {text}");
            seen += n;
        }
    }
    assert!(seen > 0, "the form says why a status is to check");
}

/// A lead's own report its words doubt is counted as written everywhere it sends: its
/// form's 汇总意见 and 备注 do not call it 待核实 while its report counts it done, and its
/// report does not ask to check it “with that unit” (adv58 d 2, d 3). A unit with no part
/// in the task is no row of the form (d 1: printed as 责任).
#[test]
fn a_leads_own_doubted_report_and_a_stranger_are_not_sent_up_as_partners() {
    use common::{measure, write_dated_return};
    let plan = common::shipped_plan();
    let dir = tempfile::tempdir().unwrap();
    write_dated_return(
        &dir.path().join("区城市管理局.xlsx"),
        "区城市管理局",
        "2020年12月4日",
        &[&[
            "45",
            &measure(45),
            "已清掏化粪池356座，剩余化粪池计划12月底前清掏完毕。",
            "已完成",
        ]],
    );
    let stranger = plan
        .units
        .units()
        .iter()
        .map(|u| u.name.clone())
        .find(|u| {
            plan.task(28)
                .is_some_and(|t| plan.role_of(t, u) == rectify::plan::Role::Unassigned)
                && u.as_str() != "区城市管理局"
                && u.starts_with('区')
        })
        .expect("a district unit with no part in task 28");
    write_dated_return(
        &dir.path().join(format!("{stranger}.xlsx")),
        &stranger,
        "2020年12月4日",
        &[&["28", &measure(28), "配合开展漂浮物清理督查。", "已完成"]],
    );
    let l = build_round(&plan, dir.path(), &Scope::Lead("区城市管理局".into()));
    assert!(current(&l, 45, "区城市管理局")[0].doubt.is_some());
    assert_eq!(
        l.task(45).unwrap().status,
        rectify::model::Status::Completed
    );
    let rows = form_rows(&consolidated_bytes(&l).unwrap());
    assert!(
        summary_of(&rows, 45).starts_with("我局已完成"),
        "{}",
        summary_of(&rows, 45)
    );
    assert!(
        !rows.iter().flatten().any(|c| c.contains("待核实")),
        "{rows:?}"
    );
    assert!(
        !rows.iter().any(|r| r.iter().any(|c| c == &stranger)),
        "{stranger}: {rows:?}"
    );
    let body = report_text(&l);
    assert!(!body.contains("我局对"), "{body}");
    assert!(!body.contains("与该单位核实"), "{body}");
}
