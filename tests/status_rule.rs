//! How a task's status is decided from its deciders' answers (merge/task_status.rs), on
//! returns made in code: mixed towns, 不涉及, a status that contradicts its text, a task
//! only a unit without a role reported on, and the collector's own tasks.

mod common;

use std::path::Path;

use common::*;
use rectify::model::{Code, Ledger, Status};

/// A unit's return: its name and its rows (task, progress, status).
type Return<'a> = (&'a str, Vec<(u32, &'a str, &'a str)>);

/// One standard return per unit.
fn returns(dir: &Path, units: &[Return]) {
    for (unit, rows) in units {
        let rows = rows
            .iter()
            .map(|(id, progress, status)| {
                std_row(n(*id as f64), &measure(*id), progress, status, V::E)
            })
            .collect();
        let sheet = standard_return(
            &format!("填报单位：{unit}    填报日期：2020年12月5日"),
            rows,
        );
        write_workbook(&dir.join(format!("{unit}.xlsx")), &[sheet]);
    }
}

fn ledger_of(units: &[Return]) -> Ledger {
    let dir = tempfile::tempdir().unwrap();
    returns(dir.path(), units);
    ledger_for(dir.path())
}

#[test]
fn towns_that_disagree_make_a_task_under_way_with_the_breakdown_kept() {
    // Task 27 is given to 各镇街 (responsible), no lead: the 23 towns decide.
    let ledger = ledger_of(&[
        ("来苏镇", vec![(27, "已清理开垦地12亩。", "已完成")]),
        ("宝峰镇", vec![(27, "已清理开垦地8亩。", "已完成")]),
        ("双石镇", vec![(27, "需与村社协商，尚未开展。", "未启动")]),
    ]);
    let t = ledger.task(27).unwrap();
    assert_eq!(
        t.status,
        Status::InProgress,
        "a mix is 正在推进, never 未启动"
    );
    assert_eq!(
        (
            t.breakdown.deciders,
            t.breakdown.completed,
            t.breakdown.not_started,
            t.breakdown.unreported
        ),
        (23, 2, 1, 20)
    );
    assert_eq!(
        t.breakdown.describe("镇街").as_deref(),
        Some("23个镇街中，已完成2个、未启动1个，20个未报送")
    );
    assert_eq!(t.awaiting.len(), 20);
}

/// Every town that answered has finished (one says 不涉及), the others have not answered:
/// 已报完成待确认, neither 正在推进 (its text says done) nor 已完成 (not all are in). Past
/// its deadline it is not overdue and has no light; once the last town answers 已完成
/// the task is completed.
#[test]
fn towns_that_answered_all_finished_make_a_task_to_be_confirmed() {
    // Task 27 (各镇街, responsible, no lead), due 2020年9月底: past at the as-of date.
    let some = [
        ("来苏镇", vec![(27, "已清理开垦地12亩。", "已完成")]),
        ("宝峰镇", vec![(27, "已清理开垦地8亩。", "已完成")]),
        ("双石镇", vec![(27, "我镇无此项工作。", "不涉及")]),
    ];
    let ledger = ledger_of(&some);
    let t = ledger.task(27).unwrap();
    assert!(t.deadline.is_past(ledger.as_of), "{:?}", t.deadline);
    assert_eq!(t.status, Status::Confirming);
    assert_eq!(t.status.label(), "已报完成待确认");
    assert!(!t.overdue);
    assert_eq!(t.light, rectify::model::Light::Off);
    assert_eq!(t.awaiting.len(), 20);
    assert_eq!(ledger.summary.confirming, 1);
    assert_eq!(ledger.summary.completed, 0, "not counted completed");
    // One town still at work: under way, and late.
    let mut mixed = some.to_vec();
    mixed.push(("永荣镇", vec![(27, "正在清理。", "正在推进")]));
    let t = ledger_of(&mixed).task(27).unwrap().clone();
    assert_eq!(t.status, Status::InProgress);
    assert!(t.overdue);
    // Every town in, all finished: completed.
    let all: Vec<Return> = TOWNS
        .iter()
        .map(|town| (*town, vec![(27, "已全部清理。", "已完成")]))
        .collect();
    assert_eq!(ledger_of(&all).task(27).unwrap().status, Status::Completed);
}

#[test]
fn every_town_answered_completed_or_not_applicable_is_completed() {
    let units: Vec<Return> = TOWNS
        .iter()
        .enumerate()
        .map(|(i, town)| {
            let row = if i < 3 {
                (27, "我镇无此项工作。", "不涉及")
            } else {
                (27, "已全部清理。", "已完成")
            };
            (*town, vec![row])
        })
        .collect();
    let ledger = ledger_of(&units);
    let t = ledger.task(27).unwrap();
    assert_eq!(t.breakdown.not_applicable, 3);
    assert_eq!(t.breakdown.completed, 20);
    assert_eq!(t.status, Status::Completed);
    // Answering 不涉及 is an answer: those towns are not missing on the task.
    let u = ledger.units.iter().find(|u| u.name == TOWNS[0]).unwrap();
    assert!(!u.missing.contains(&27));
}

/// Every unit the plan gave a task to answering 不涉及 contradicts the plan: the task is
/// 待核实 with the reason, and past its deadline it is overdue (adv54 b 2: 双石污水处理
/// 厂溢流问题整改 was told 不涉及 on its two responsible units' word, and 拦河养鱼问题整
/// 治 on 24 units', and left out of the overdue list). Some answering 不涉及 and the rest
/// done is completed, as above.
#[test]
fn every_decider_answering_not_applicable_is_awaiting_verification() {
    // Task 37: 区住房城乡建委 and 惠永水务 responsible, 双石镇 cooperating; 2020年9月底.
    let ledger = ledger_of(&[
        ("区住房城乡建委", vec![(37, "", "不涉及")]),
        (
            "重庆市永川区惠永水务有限公司",
            vec![(37, "无此项工作。", "不涉及")],
        ),
    ]);
    let t = ledger.task(37).unwrap();
    assert_eq!(t.status, Status::Unclear);
    assert!(t.overdue);
    assert_eq!(
        t.doubts,
        vec![
            "区住房城乡建委、重庆市永川区惠永水务有限公司均报送“不涉及”，与《整改方案》的分工不符"
        ]
    );
    assert_eq!(ledger.summary.not_applicable, 0);
    // The workbook's 问题清单 says why, and no tally states 均不涉及 as a fact (second
    // review d 3).
    assert!(
        ledger
            .problems
            .iter()
            .any(|p| p.code == Code::StatusContradicted
                && p.message.starts_with(
                    "第37项的区住房城乡建委、重庆市永川区惠永水务有限公司均报送“不涉及”"
                )),
        "{:#?}",
        ledger.problems
    );
    assert_eq!(t.tally("责任单位"), None);
    // Task 27 (the 23 towns): counted, not named.
    let all: Vec<Return> = TOWNS
        .iter()
        .map(|town| (*town, vec![(27, "我镇无此项工作。", "不涉及")]))
        .collect();
    let t = ledger_of(&all).task(27).unwrap().clone();
    assert_eq!(t.status, Status::Unclear);
    assert_eq!(
        t.doubts,
        vec!["23个责任单位均报送“不涉及”，与《整改方案》的分工不符"]
    );
}

#[test]
fn a_status_that_contradicts_its_text_is_awaiting_verification() {
    // Task 3: 何埂镇 alone is responsible.
    let ledger = ledger_of(&[(
        "何埂镇",
        vec![(
            3,
            "鱼塘尾水处理设施已建成，已通过验收并投入使用。",
            "正在推进",
        )],
    )]);
    let t = ledger.task(3).unwrap();
    assert_eq!(t.status, Status::Unclear);
    assert_eq!(t.doubts.len(), 1);
    assert!(
        t.doubts[0].starts_with("何埂镇报送“正在推进”，但进展情况写明“已通过验收"),
        "{}",
        t.doubts[0]
    );
    // The report keeps what the unit said.
    assert_eq!(t.reports[0].status, Status::InProgress);
    let p = ledger
        .problems
        .iter()
        .find(|p| p.code == Code::StatusContradicted)
        .expect("a problem for the clerk");
    assert_eq!(p.row, Some(4));
}

/// A row on a task its unit has no role in, kept as the unit's report (a wrong number,
/// not a copy of the whole table), is checked against its text like any report.
#[test]
fn a_report_on_a_task_without_a_role_is_checked_against_its_text() {
    // 区发展改革委 has no role on task 3.
    let ledger = ledger_of(&[(
        "区发展改革委",
        vec![(
            3,
            "鱼塘尾水处理设施已建成，已通过验收并投入使用。",
            "正在推进",
        )],
    )]);
    let t = ledger.task(3).unwrap();
    let r = t
        .current_reports()
        .next()
        .expect("the row is kept as a report");
    assert_eq!(r.unit, "区发展改革委");
    let doubt = r.doubt.as_deref().expect("its status is doubted");
    assert!(doubt.contains("已通过验收"), "{doubt}");
    assert!(ledger
        .problems
        .iter()
        .any(|p| p.code == Code::StatusContradicted && p.message.contains("区发展改革委")));
}

#[test]
fn a_task_reported_only_by_a_unit_without_a_role_is_not_reported_and_cites_nobody() {
    // 区发展改革委 has no role on task 3: its row is kept, neither counted nor cited as
    // the task's progress by others (docs/ledger.md).
    let ledger = ledger_of(&[("区发展改革委", vec![(3, "配合完成项目审批。", "已完成")])]);
    let t = ledger.task(3).unwrap();
    assert_eq!(t.status, Status::Unreported);
    assert!(t.reported_by_others.is_empty());
    assert_eq!(t.current_reports().count(), 1);
    assert_eq!(t.cited_reports().count(), 0);
    assert_eq!(t.awaiting, vec!["何埂镇"]);
    // A cooperating unit's row is cited (区农业农村委 cooperates on task 3).
    let ledger = ledger_of(&[(
        "区农业农村委",
        vec![(3, "指导尾水处理设施建设。", "正在推进")],
    )]);
    assert_eq!(
        ledger.task(3).unwrap().reported_by_others,
        vec!["区农业农村委"]
    );
}

/// The responsible unit is silent, and the cooperating unit reports the work done (区城市
/// 管理局: the company's 应急收集池 accepted on 9月28日): 已报完成待确认, not a silence
/// called late beside a text saying it was done on time. A cooperating unit still at
/// work leaves it 未报送; a unit without a role never decides (above).
#[test]
fn a_silent_responsible_unit_whose_partner_reports_it_done_is_to_be_confirmed() {
    let done = ledger_of(&[(
        "区城市管理局",
        vec![(19, "应急收集池已于9月28日通过验收。", "已完成")],
    )]);
    let t = done.task(19).unwrap();
    assert!(t.deadline.is_past(done.as_of), "{:?}", t.deadline);
    assert_eq!(t.status, Status::Confirming);
    assert!(!t.overdue);
    assert_eq!(t.awaiting, vec!["重庆市永川区三峰环保发电有限公司"]);
    let going = ledger_of(&[("区城市管理局", vec![(19, "正在督促建设。", "正在推进")])]);
    let t = going.task(19).unwrap();
    assert_eq!(t.status, Status::Unreported);
    assert!(t.overdue);
}

#[test]
fn the_collector_is_warned_of_its_own_missing_tasks_and_not_counted_among_units() {
    let plan = plan();
    let collector = plan.meta.collector.clone();
    let owed: Vec<u32> = plan
        .tasks_of(&collector)
        .iter()
        .map(|(t, _)| t.id)
        .collect();
    assert!(
        owed.contains(&14),
        "the shipped plan gives 区生态环境局 task 14"
    );
    let ledger = ledger_of(&[(collector.as_str(), vec![(14, "已立案查处。", "已完成")])]);
    let warning = ledger
        .problems
        .iter()
        .find(|p| p.code == Code::CollectorMissing)
        .expect("a warning for the clerk");
    assert!(warning.message.starts_with("我局承担的第"));
    assert!(!warning.message.contains("第14、") && !warning.message.contains("、14、"));
    assert_eq!(
        ledger.summary.units_reported, 0,
        "the collector is not one of the units it collects from"
    );
    assert_eq!(
        ledger.summary.units_expected as usize,
        ledger
            .units
            .iter()
            .filter(|u| !u.expected.is_empty())
            .count()
            - 1
    );

    // Every own task filled: no warning.
    let rows: Vec<(u32, &str, &str)> = owed.iter().map(|id| (*id, "已完成。", "已完成")).collect();
    let ledger = ledger_of(&[(collector.as_str(), rows)]);
    assert!(!ledger
        .problems
        .iter()
        .any(|p| p.code == Code::CollectorMissing));
}

/// A status word that cannot be read (尚未完成 beside a text that does not say how far
/// the work is) or no status at all makes the task 待核实 with the reason stated, so the
/// report never lists it without one. (尚未完成 beside 正在建设 is 正在推进:
/// returns_layouts `not_done_beside_work_under_way_is_in_progress`.)
#[test]
fn an_unreadable_or_missing_status_is_awaiting_verification_with_the_reason() {
    // Task 3: 何埂镇 alone is responsible; task 2: 卫星湖街道 alone.
    let ledger = ledger_of(&[
        (
            "何埂镇",
            vec![(3, "鱼塘尾水处理设施建成2处，尚有1处。", "尚未完成")],
        ),
        ("卫星湖街道", vec![(2, "已摸排养殖场12家。", "")]),
    ]);
    let t = ledger.task(3).unwrap();
    assert_eq!(t.status, Status::Unclear);
    assert_eq!(t.doubts, ["何埂镇报送的完成情况“尚未完成”无法判断"]);
    let t = ledger.task(2).unwrap();
    assert_eq!(t.status, Status::Unclear, "{:?}", t.reports);
    assert_eq!(t.doubts, ["卫星湖街道未写明完成情况"]);
}

/// The lead says 已完成 while a responsible unit under it says 正在推进: the task is
/// 待核实, with both named (the report does not call it done on the lead's word alone).
#[test]
fn a_lead_done_while_a_unit_under_it_goes_on_is_awaiting_verification() {
    // Task 1: 区农业农村委 leads, 各镇街 are responsible.
    let ledger = ledger_of(&[
        ("区农业农村委", vec![(1, "已出台尾水治理方案。", "已完成")]),
        ("宝峰镇", vec![(1, "池塘标准化改造完成477亩。", "正在推进")]),
    ]);
    let t = ledger.task(1).unwrap();
    assert_eq!(t.status, Status::Unclear, "{:?}", t.reports);
    assert_eq!(t.doubts, ["区农业农村委报“已完成”，宝峰镇报“正在推进”"]);
    // The lead is asked to reconcile the two in its reminder's 核实 list.
    let lead = ledger
        .units
        .iter()
        .find(|u| u.name == "区农业农村委")
        .unwrap();
    let asked: Vec<(u32, &str)> = lead
        .to_verify
        .iter()
        .map(|v| (v.task, v.why.as_str()))
        .collect();
    assert_eq!(asked, [(1, "你单位报“已完成”，但宝峰镇报“正在推进”")]);
    // Towns saying the same are named together, each status once.
    let ledger = ledger_of(&[
        ("区农业农村委", vec![(1, "已出台尾水治理方案。", "已完成")]),
        ("何埂镇", vec![(1, "改造完成120亩。", "正在推进")]),
        ("宝峰镇", vec![(1, "池塘标准化改造完成477亩。", "正在推进")]),
        ("来苏镇", vec![(1, "尚未开展。", "未启动")]),
    ]);
    assert_eq!(
        ledger.task(1).unwrap().doubts,
        ["区农业农村委报“已完成”，何埂镇、宝峰镇报“正在推进”，来苏镇报“未启动”"]
    );
    // A town that is done too is no contradiction.
    let ledger = ledger_of(&[
        ("区农业农村委", vec![(1, "已出台尾水治理方案。", "已完成")]),
        ("宝峰镇", vec![(1, "池塘标准化改造全部完成。", "已完成")]),
    ]);
    assert_eq!(ledger.task(1).unwrap().status, Status::Completed);
}

/// `run` says on the terminal, not only in the problem list, which of the bureau's own
/// tasks it has not filled in: a report sent up otherwise says 未报送 of its own work.
#[test]
fn run_tells_the_clerk_of_the_bureaus_own_empty_tasks() {
    let plan = common::shipped_plan();
    let l = rectify::build_ledger(&plan, &common::repo().join("input/returns"));
    let me = l
        .units
        .iter()
        .find(|u| u.name == plan.meta.collector)
        .unwrap();
    assert!(!me.missing.is_empty(), "the demo leaves some of them empty");
    let ids: Vec<String> = me.missing.iter().map(u32::to_string).collect();
    let out = tempfile::tempdir().unwrap();
    let o = common::rectify_ok(&common::repo().join("input"), out.path(), &["run"]);
    let stdout = String::from_utf8_lossy(&o.stdout);
    let line = format!("注意：我局承担的第{}项任务尚未填写进展", ids.join("、"));
    assert!(stdout.contains(&line), "{stdout}");
    // How to fill them in so that the report's counts follow.
    assert!(
        stdout.contains(&format!("填报表为 checklists/{}.xlsx", plan.meta.collector)),
        "{stdout}"
    );
}

/// Long-term work kept up by every decider that answered, the others silent: 长期坚持
/// (the silent ones are chased), not a 正在推进 that nobody reported.
#[test]
fn long_term_work_kept_up_by_those_who_answered_is_ongoing() {
    // Task 29: 金龙镇、大安街道、陈食街道、茶山竹海街道 are responsible.
    let ledger = ledger_of(&[("金龙镇", vec![(29, "每周组织清漂一次。", "长期坚持")])]);
    let t = ledger.task(29).unwrap();
    assert_eq!(t.status, Status::Ongoing, "{:?}", t.breakdown);
    assert_eq!(t.awaiting.len(), 3);
    // One of them still at work on it: under way.
    let ledger = ledger_of(&[
        ("金龙镇", vec![(29, "每周组织清漂一次。", "长期坚持")]),
        ("大安街道", vec![(29, "正在建立清漂机制。", "正在推进")]),
    ]);
    assert_eq!(ledger.task(29).unwrap().status, Status::InProgress);
}
