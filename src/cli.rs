//! The command line (clap). Every text a user reads is Chinese.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "rectify",
    version,
    about = "整改进展汇总工具：读取整改方案和各单位报送的进展情况表，生成整改情况报告、台账汇总表和各单位任务清单。",
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    subcommand_help_heading = "命令",
    help_template = "{about}\n\n用法：{usage}\n\n{all-args}{after-help}",
    override_usage = "rectify [选项] <命令>",
    after_help = "\n示例：\n  rectify run                 处理 input/ 中的方案和报送表，结果写入 output/\n  rectify report --templates 模板  用自改的模板只生成整改情况报告\n  rectify tasks --unit 区水利局  列出区水利局的任务\n  rectify check --strict      只检查报送表，有错误时退出码为1\n  rectify checklists          为每个单位生成任务清单（填报表和通知），写入 output/checklists/\n  rectify remind              为尚未报送的单位生成催报通知，写入 output/reminders/\n  rectify serve               在本机启动网页，在浏览器中拖入报送表、查看报送情况、下载文档\n  rectify templates 模板      把内置模板写入“模板”文件夹，供修改\n  rectify --as 区水利局 run    牵头单位汇总本单位牵头任务的进展，生成报告和报送表"
)]
pub struct Cli {
    #[command(flatten)]
    pub paths: Paths,
    #[command(flatten)]
    pub round: Round,
    /// 以牵头单位身份运行（如 --as 区水利局）：只汇总本单位牵头的任务，报告、台账、任务清单和催报针对本单位的责任、配合单位，并生成报送汇总单位（plan.toml 的 collector）的报送表
    #[arg(
        long = "as",
        global = true,
        value_name = "单位",
        help_heading = "牵头单位"
    )]
    pub as_unit: Option<String>,
    #[arg(short = 'h', long = "help", action = clap::ArgAction::Help, global = true, help = "显示帮助")]
    help: Option<bool>,
    #[arg(short = 'V', long = "version", action = clap::ArgAction::Version, help = "显示版本")]
    version: Option<bool>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "路径")]
pub struct Paths {
    /// 输入文件夹（plan.toml、units.toml、tasks.csv、returns/），默认 input
    #[arg(
        long,
        global = true,
        default_value = "input",
        hide_default_value = true,
        value_name = "文件夹"
    )]
    pub input: PathBuf,
    /// 输出文件夹，默认 output
    #[arg(
        long,
        global = true,
        default_value = "output",
        hide_default_value = true,
        value_name = "文件夹"
    )]
    pub output: PathBuf,
    /// 各单位报送表所在文件夹（默认：输入文件夹下的 returns/）
    #[arg(long, global = true, value_name = "文件夹")]
    pub returns: Option<PathBuf>,
    /// 报告模板文件夹：其中的 .tera 文件替换同名的内置模板（如 report.tera）
    #[arg(long, global = true, value_name = "文件夹")]
    pub templates: Option<PathBuf>,
    /// 与本期比较的上期汇总结果（默认：输出文件夹 rounds/ 中最近的一期）
    #[arg(long, global = true, value_name = "文件")]
    pub previous: Option<PathBuf>,
}

/// Which round: the as-of date.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "统计期")]
pub struct Round {
    /// 统计截止日期，如 2020-12-05（默认：plan.toml 的 as_of；以 --as 运行时为报告的成文日期，即 --date 或 return_deadline）。此后填报的报送表、此后的完成日期本期不计入
    #[arg(long = "as-of", global = true, value_name = "日期", value_parser = parse_date)]
    pub as_of: Option<chrono::NaiveDate>,
}

impl Paths {
    pub fn returns_dir(&self) -> PathBuf {
        self.returns
            .clone()
            .unwrap_or_else(|| self.input.join("returns"))
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 完整处理：读取方案和报送表，汇总并生成全部结果
    #[command(help_template = "{about}\n\n用法：{usage}\n\n{all-args}")]
    Run {
        /// 报告的成文日期（以 --as 运行时也是报送表的填报日期），如 2020-12-05（默认：plan.toml 的 report_date；以 --as 运行时为 return_deadline）
        #[arg(long, value_name = "日期", value_parser = parse_date, help_heading = "选项")]
        date: Option<chrono::NaiveDate>,
    },
    /// 只生成整改情况报告（Word）
    #[command(help_template = "{about}\n\n用法：{usage}\n\n{all-args}")]
    Report {
        /// 报告的成文日期，如 2020-12-05（默认：plan.toml 的 report_date；以 --as 运行时为 return_deadline）
        #[arg(long, value_name = "日期", value_parser = parse_date, help_heading = "选项")]
        date: Option<chrono::NaiveDate>,
    },
    /// 读取并汇总报送表，打印摘要和问题清单，不写文件
    #[command(help_template = "{about}\n\n用法：{usage}\n\n{all-args}")]
    Check {
        /// 有错误级问题时以退出码1结束
        #[arg(long, help_heading = "选项")]
        strict: bool,
    },
    /// 为每个应报送单位生成任务清单：填报表（.xlsx）和通知（.docx），写入 输出文件夹/checklists/
    #[command(help_template = "{about}\n\n用法：{usage}\n\n{all-args}")]
    Checklists {
        /// 通知的成文日期，如 2020-11-20（默认：plan.toml 的 as_of）
        #[arg(long, value_name = "日期", value_parser = parse_date, help_heading = "选项")]
        date: Option<chrono::NaiveDate>,
    },
    /// 为尚有任务未报送的单位生成催报通知和未报送单位清单，写入 输出文件夹/reminders/
    #[command(help_template = "{about}\n\n用法：{usage}\n\n{all-args}")]
    Remind {
        /// 通知的成文日期，如 2020-12-10（默认：plan.toml 的 as_of）
        #[arg(long, value_name = "日期", value_parser = parse_date, help_heading = "选项")]
        date: Option<chrono::NaiveDate>,
    },
    /// 把内置模板（report.tera 等）写入一个文件夹，修改后用 --templates 文件夹 使用
    #[command(help_template = "{about}\n\n用法：{usage}\n\n{all-args}")]
    Templates {
        /// 写入模板的文件夹（不存在时新建；已有的同名文件不会被覆盖）
        #[arg(value_name = "文件夹")]
        dir: PathBuf,
    },
    /// 在本机启动网页：拖入报送表、查看各单位报送情况、下载报告和台账（浏览器打开显示的地址）
    #[command(help_template = "{about}\n\n用法：{usage}\n\n{all-args}")]
    Serve {
        /// 端口（默认：自动选一个空闲端口）
        #[arg(long, value_name = "端口", value_parser = parse_port, help_heading = "选项")]
        port: Option<u16>,
        /// 供局域网内其他电脑访问时监听的地址（如 0.0.0.0 或本机的局域网地址）；此时启动时显示访问码，打开网页须带访问码。默认只允许本机访问
        #[arg(long, value_name = "地址", value_parser = parse_address, help_heading = "选项")]
        listen: Option<std::net::IpAddr>,
    },
    /// 列出整改任务（按重点任务分组）
    #[command(help_template = "{about}\n\n用法：{usage}\n\n{all-args}")]
    Tasks {
        /// 只列出某单位的任务（按牵头、责任、配合分组）
        #[arg(long, value_name = "单位", help_heading = "选项")]
        unit: Option<String>,
        /// 以JSON输出
        #[arg(long, help_heading = "选项")]
        json: bool,
    },
}

/// `--port`: 0 to 65535 (0: any free port).
fn parse_port(s: &str) -> Result<u16, String> {
    s.trim().parse::<u16>().map_err(|_| {
        format!("“{s}”不是端口号，端口应为0～65535之间的数字，如 8080（0 表示自动选择）")
    })
}

/// `--listen`: an IP address.
fn parse_address(s: &str) -> Result<std::net::IpAddr, String> {
    s.trim().parse().map_err(|_| {
        format!("“{s}”不是有效的IP地址，请写成 0.0.0.0 或本机的局域网地址（如 192.168.1.10）")
    })
}

/// `--date`: YYYY-MM-DD (also 2020/11/20 and 2020年11月20日).
fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    crate::common::dates::parse_date_text(s.trim(), None)
        .ok_or_else(|| format!("“{s}”不是日期，请写成 2020-11-20"))
}
