//! The shipped demo returns (input/returns) give what their generator intended
//! (examples/README-demo-returns.md).

mod common;

use common::*;
use rectify::model::Code;
use rectify::model::FileOutcome;
use rectify::model::Status;
use rectify::plan::Role;

#[test]
fn the_demo_set_merges_as_intended() {
    let ledger = ledger_for(&repo().join("input/returns"));
    let outcome = |f: &str| ledger.files.iter().find(|e| e.file == f).map(|e| e.outcome);
    assert_eq!(outcome("区商务委.xlsx"), Some(FileOutcome::Failed));
    assert_eq!(outcome("~$区水利局.xlsx"), Some(FileOutcome::Skipped));
    assert_eq!(ledger.summary.files_read, 17);

    // Two lead units' consolidated returns, made by the tool from their partners'
    // returns (scripts/make-lead-returns.sh): each row is credited to the unit that
    // reported it; the later filing stands between a 报送表 row and a direct return.
    for lead in ["区水利局", "区农业农村委"] {
        let f = ledger
            .files
            .iter()
            .find(|e| e.file == format!("报送表-{lead}.xlsx"))
            .unwrap();
        assert_eq!(f.unit.as_deref(), Some(lead));
    }
    let current_of = |id: u32, unit: &str| {
        let all = reports_of(&ledger, id, unit);
        assert_eq!(
            all.iter().filter(|r| !r.superseded).count(),
            1,
            "{unit} {id}"
        );
        all.into_iter().find(|r| !r.superseded).unwrap().clone()
    };
    // 三教产业促进中心 filed 12-03, 区水利局 consolidated on 12-05.
    let sj = current_of(18, "三教产业促进中心");
    assert_eq!(sj.via.as_deref(), Some("区水利局"));
    assert_eq!(sj.source.file, "报送表-区水利局.xlsx");
    // 港桥产业促进中心 filed 12-09 itself: its own return stands.
    let gq = current_of(18, "港桥产业促进中心");
    assert_eq!(gq.via, None);
    let water = ledger
        .units
        .iter()
        .find(|u| u.name == "三教产业促进中心")
        .unwrap();
    assert!(water.direct && water.via == vec!["区水利局".to_string()]);

    // .xls and .ods returns made by LibreOffice are read.
    let fmt = |f: &str| {
        ledger
            .files
            .iter()
            .find(|e| e.file == f)
            .and_then(|e| e.format.clone())
    };
    assert_eq!(fmt("区生态环境局.xls").as_deref(), Some("xls"));
    assert_eq!(fmt("区河长办.ods").as_deref(), Some("ods"));
    assert_eq!(
        reports_of(&ledger, 14, "区生态环境局")[0].status,
        Status::Completed
    );
    assert_eq!(
        reports_of(&ledger, 56, "区河长办")[0].status,
        Status::Ongoing
    );

    // The 12月8日 filing supersedes the 12月2日 one.
    let t42: Vec<_> = reports_of(&ledger, 42, "临江河指挥部办公室");
    assert_eq!(t42.len(), 2);
    let current: Vec<_> = t42.iter().filter(|r| !r.superseded).collect();
    assert_eq!(current.len(), 1);
    assert!(current[0].source.file.contains("12月8日"));
    assert_eq!(current[0].status, Status::Completed);

    // The GBK CSV, the sheet-per-town workbook, the renumbered return.
    assert_eq!(
        reports_of(&ledger, 16, "三教产业促进中心")[0].status,
        Status::Completed
    );
    assert_eq!(
        reports_of(&ledger, 27, "宝峰镇")[0].status,
        Status::NotStarted
    );
    let zs = reports_of(&ledger, 56, "中山路街道");
    assert_eq!(zs.len(), 1, "renumbered row 7 is task 56 by its text");
    assert_eq!(zs[0].role, Role::Responsible);

    // The deliberate stray rows.
    assert_eq!(
        reports_of(&ledger, 12, "区发展改革委")[0].role,
        Role::Unassigned
    );
    assert!(ledger
        .unplaced
        .iter()
        .any(|u| u.source.file == "区发展改革委.xlsx" && u.id_text == "88"));
    assert!(ledger
        .problems
        .iter()
        .any(|p| p.code == Code::FileCorrupt && p.file == "区商务委.xlsx"));

    // The name only in the file name; the name with a newline.
    assert_eq!(reports_of(&ledger, 58, "区财政局").len(), 1);
    assert_eq!(
        reports_of(&ledger, 47, "区发展改革委")[0].status,
        Status::Completed
    );

    // Every task is accounted for and the summary adds up.
    let s = &ledger.summary;
    assert_eq!(status_total(s), 63);
    assert!(
        s.unreported <= 10,
        "most tasks have a report ({} unreported)",
        s.unreported
    );
}

/// 区商务委's file is cut short. It owes the bureau no task (its progress goes through
/// 区农业农村委), yet it sent a file: it gets a reminder saying the file could not be read
/// and where its progress goes, not silence.
#[test]
fn a_unit_whose_file_could_not_be_read_is_told_even_when_it_owes_nothing() {
    let ledger = rectify::build_ledger(&shipped_plan(), &repo().join("input/returns"));
    let unit = ledger.units.iter().find(|u| u.name == "区商务委").unwrap();
    assert!(unit.expected.is_empty());
    let reminded = rectify::model::queries::units_to_remind(&ledger);
    assert!(reminded.iter().any(|u| u.name == "区商务委"));
    let blocks = rectify::reminder_blocks(
        &ledger,
        unit,
        &rectify::Templates::default(),
        ledger.plan.report_date,
    )
    .unwrap();
    let text: String = blocks.iter().map(|b| format!("{b:?}")).collect();
    assert!(text.contains("文件“区商务委.xlsx”无法读取"), "{text}");
    // The reason alone in the brackets: what to do is said once, below.
    assert!(text.contains("无法读取（文件已损坏，无法打开）"), "{text}");
    // The task it answers for is named.
    let own: Vec<String> = ledger
        .tasks
        .iter()
        .filter(|t| t.cooperating.contains(&unit.name) || t.responsible.contains(&unit.name))
        .map(|t| t.id.to_string())
        .collect();
    assert!(!own.is_empty());
    assert!(
        text.contains(&format!(
            "你单位涉及的第{}项任务的进展情况由{}汇总后报送我局",
            own.join("、"),
            unit.reports_to.join("、")
        )),
        "{text}"
    );
    assert!(!text.contains("需报送的任务"), "{text}");
    // It sends its part to the gatherer a working day before the gatherer's own day to
    // answer the bureau (report date 2020年12月10日, a Thursday: 14日 Monday, 15日 Tuesday).
    assert!(
        text.contains("请于2020年12月14日前报送区农业农村委"),
        "{text}"
    );
    let gatherer = ledger
        .units
        .iter()
        .find(|u| u.name == "区农业农村委")
        .unwrap();
    let blocks = rectify::reminder_blocks(
        &ledger,
        gatherer,
        &rectify::Templates::default(),
        ledger.plan.report_date,
    )
    .unwrap();
    let gathering: String = blocks.iter().map(|b| format!("{b:?}")).collect();
    assert!(gathering.contains("请于2020年12月15日前"), "{gathering}");
    // One part, no numbered heading (a lone 一、 reads as a list that stops); no form
    // named that it was never sent.
    assert!(!text.contains("一、报送要求"), "{text}");
    assert!(!text.contains("填报表"), "{text}");
    assert!(
        text.contains("如另有需直接报送我局的内容，请一并重新报送我局"),
        "{text}"
    );
    // It was sent no notice (it owes the bureau nothing directly): none is cited; a
    // unit that was sent one is reminded of its date.
    assert!(!text.contains("通知要求"), "{text}");
    let water = ledger.units.iter().find(|u| u.name == "区水利局").unwrap();
    assert!(!water.expected.is_empty());
    let blocks = rectify::reminder_blocks(
        &ledger,
        water,
        &rectify::Templates::default(),
        ledger.plan.report_date,
    )
    .unwrap();
    let text: String = blocks.iter().map(|b| format!("{b:?}")).collect();
    assert!(text.contains("和我局2020年11月20日通知要求"), "{text}");
}
