// rectify serve: the page's script. Every text from returns is set with textContent
// (never as HTML). No library, no network beyond this server.
"use strict";

const FORM_TOKEN = document.querySelector('meta[name="form-token"]').content;
let state = null;

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v;
    else if (k === "text") e.textContent = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    e.append(typeof c === "string" ? document.createTextNode(c) : c);
  }
  return e;
}
const $ = (id) => document.getElementById(id);

function light(key, label) {
  const s = el("span", { class: "light-wrap" });
  if (key && key !== "off") s.append(el("span", { class: "light " + key }), label);
  return s;
}

async function loadState() {
  const r = await fetch("/api/state", { cache: "no-store" });
  if (r.ok) render(await r.json());
}

function render(s) {
  state = s;
  $("plan-title").textContent = s.title || "";
  $("plan-round").textContent = s.round || "";
  $("as-of").textContent = s.as_of || "";
  $("error").hidden = !s.error;
  $("error").textContent = s.error ? "最近一次汇总未成功：" + s.error : "";
  const cards = $("summary");
  cards.replaceChildren(...(s.summary || []).map((c) =>
    el("div", { class: "card" }, el("div", { class: "label", text: c.label }), el("div", { class: "value", text: c.value }))));
  renderUnits();
  renderTasks();
  renderProblems();
  renderFiles();
  renderDocs();
}

function renderUnits() {
  const want = $("unit-state").value, lightWant = $("unit-light").value;
  const q = $("unit-search").value.trim();
  const body = $("units").tBodies[0];
  const rows = [];
  let shown = 0;
  for (const u of state.units || []) {
    if (want && u.state !== want) continue;
    if (lightWant === "red" && !u.red) continue;
    if (lightWant === "yellow" && !u.yellow) continue;
    if (q && !u.name.includes(q)) continue;
    shown++;
    const lights = el("span");
    if (u.red) lights.append(light("red", "红灯" + u.red + " "));
    if (u.yellow) lights.append(light("yellow", "黄灯" + u.yellow));
    const detail = el("tr", { class: "detail", hidden: "" });
    const tasks = el("td", { colspan: "7" });
    for (const t of u.tasks) {
      tasks.append(el("span", { class: "task-chip" + (t.reported ? "" : " missing") },
        light(t.light, ""), "第" + t.id + "项 " + t.short + "（" + (t.reported ? "已报送" : "未报送") + "，任务" + t.status_label + "）"));
    }
    if (u.files.length) tasks.append(el("div", { class: "muted", text: "报送文件：" + u.files.join("、") }));
    if (u.unreadable.length) tasks.append(el("div", { class: "bad", text: "无法读取：" + u.unreadable.join("、") + "（原因见问题清单）" }));
    detail.append(tasks);
    const actions = el("td");
    if (u.remind) {
      actions.append(el("button", { class: "button small quiet", type: "button", onclick: (ev) => { ev.stopPropagation(); showReminder(u.name); } }, "催报文字"));
    }
    const main = el("tr", { class: "main", "data-unit": u.name, onclick: () => { detail.hidden = !detail.hidden; } },
      el("td", { text: u.name }),
      el("td", { class: "muted", text: u.tier }),
      el("td", {}, el("span", { class: "state " + u.state, text: u.state_label })),
      el("td", { text: u.expected ? u.reported + " / " + u.expected : String(u.reported) }),
      el("td", { class: "nowrap" }, lights),
      el("td", { class: "nowrap", text: u.last_filed_on || "" }),
      actions);
    rows.push(main, detail);
  }
  body.replaceChildren(...rows);
  $("unit-count").textContent = "共" + shown + "个单位";
}

function renderTasks() {
  const want = $("task-status").value, lightWant = $("task-light").value;
  const q = $("task-search").value.trim();
  const body = $("tasks").tBodies[0];
  const rows = [];
  let shown = 0;
  for (const t of state.tasks || []) {
    if (want && t.status !== want) continue;
    if (lightWant && t.light !== lightWant) continue;
    if (q && !(t.short + t.measure + t.deciders + t.awaiting + t.category).includes(q)) continue;
    shown++;
    const detail = el("tr", { class: "detail", hidden: "" });
    const td = el("td", { colspan: "7" });
    td.append(el("div", {}, el("b", { text: t.category + "　" }), t.measure));
    td.append(el("div", { class: "muted", text: "决定状态的单位：" + t.deciders }));
    for (const d of t.doubts) td.append(el("div", { class: "bad", text: "待核实：" + d }));
    const list = el("ul", { class: "sources" });
    for (const s of t.sources) {
      list.append(el("li", { class: s.superseded ? "old" : "" },
        s.unit + "：" + s.status_label + (s.filed_on ? "（" + s.filed_on + "填报）" : "") + "　来源：" + s.place + (s.superseded ? "（已被更新的报送替代）" : "")));
    }
    if (!t.sources.length) list.append(el("li", { class: "muted", text: "尚无单位报送。" }));
    td.append(list);
    detail.append(td);
    rows.push(el("tr", { class: "main", onclick: () => { detail.hidden = !detail.hidden; } },
      el("td", { text: String(t.id) }),
      el("td", { text: t.short }),
      el("td", { text: t.deadline }),
      el("td", { class: "nowrap" }, el("span", { class: "state " + t.status, text: t.status_label }), t.overdue ? el("span", { class: "bad", text: " 逾期" }) : null),
      el("td", { class: "nowrap" }, light(t.light, t.light_label)),
      el("td", { class: "muted", text: t.breakdown }),
      el("td", { text: t.awaiting })), detail);
  }
  body.replaceChildren(...rows);
  $("task-count").textContent = "共" + shown + "项";
}

function problemItem(p) {
  return el("li", {}, el("span", { class: "sev " + p.severity, text: p.severity_label }), p.at ? p.at + " " : "", p.message);
}

function renderProblems() {
  const box = $("problems");
  const groups = state.problems || [];
  let n = 0;
  box.replaceChildren(...groups.map((g) => {
    n += g.items.length;
    return el("div", { class: "problem-file" }, el("h3", { text: g.file }), el("ul", {}, ...g.items.map(problemItem)));
  }));
  if (!groups.length) box.append(el("p", { class: "muted", text: "没有发现问题。" }));
  $("problem-count").textContent = n ? "(" + n + ")" : "";
}

function renderFiles() {
  const body = $("files").tBodies[0];
  body.replaceChildren(...(state.files || []).map((f) => el("tr", {},
    el("td", { text: f.file }),
    el("td", {}, el("span", { class: f.outcome === "failed" ? "bad" : "", text: f.outcome_label })),
    el("td", { text: f.unit || "" }),
    el("td", { text: f.outcome === "read" ? String(f.records) : "" }),
    el("td", { text: f.filed_on || "" }))));
  if (!(state.files || []).length) body.append(el("tr", {}, el("td", { colspan: "5", class: "muted", text: "报送表文件夹中还没有文件。" })));
}

function renderDocs() {
  $("docs").replaceChildren(...(state.documents || []).map((d) =>
    el("li", {}, el("a", { class: "button quiet", href: d.href, "data-doc": d.key, download: "" }, "下载"), "　" + d.label)));
}

// Uploads ----------------------------------------------------------------------------

function readEntry(entry, path, out) {
  return new Promise((resolve) => {
    if (entry.isFile) {
      entry.file((f) => { out.push(f); resolve(); }, () => resolve());
    } else if (entry.isDirectory) {
      const reader = entry.createReader();
      const all = [];
      const next = () => reader.readEntries(async (batch) => {
        if (!batch.length) {
          for (const e of all) await readEntry(e, path + entry.name + "/", out);
          resolve();
        } else { all.push(...batch); next(); }
      }, () => resolve());
      next();
    } else resolve();
  });
}

function describeFile(f) {
  if (f.outcome === "read") {
    return "已读取：" + (f.unit || "单位未能识别") + "，数据" + f.records + "行" + (f.filed_on ? "，填报日期" + f.filed_on : "，未写填报日期");
  }
  return f.outcome_label;
}

function showResults(results) {
  const list = $("results");
  list.replaceChildren();
  for (const r of results) {
    const li = el("li", {}, el("span", { class: "name", text: r.sent || "上传" }));
    if (r.saved && r.saved !== r.sent) li.append(el("span", { class: "muted", text: "（保存为 " + r.saved + "）" }));
    if (r.refused) li.append(el("div", { class: "sub bad", text: r.refused }));
    for (const f of r.files || []) {
      const inner = f.file !== r.saved ? f.file.slice((r.saved || "").length + 1) + "：" : "";
      li.append(el("div", { class: "sub " + (f.outcome === "failed" ? "bad" : "ok"), text: inner + describeFile(f) }));
    }
    if ((r.problems || []).length) li.append(el("ul", { class: "sub" }, ...r.problems.map(problemItem)));
    list.append(li);
  }
}

async function post(url, body) {
  $("busy").hidden = false;
  try {
    const r = await fetch(url, { method: "POST", body, headers: { "x-rectify-form": FORM_TOKEN } });
    if (r.status === 413) return { error: "一次上传的文件太大，请分批上传。" };
    if (!r.ok) return { error: (await r.text()).replace(/<[^>]*>/g, " ").trim() || "请求失败（" + r.status + "）" };
    return { data: await r.json() };
  } catch (e) {
    return { error: "与 rectify 的连接中断，请确认它仍在运行后刷新页面。" };
  } finally {
    $("busy").hidden = true;
  }
}

async function upload(files) {
  if (!files.length) return;
  const form = new FormData();
  for (const f of files) form.append("file", f, f.name);
  const res = await post("/api/upload", form);
  if (res.error) showResults([{ sent: "上传未完成", refused: res.error }]);
  else showResults(res.data);
  await loadState();
}

const drop = $("drop");
drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
drop.addEventListener("dragleave", () => drop.classList.remove("over"));
drop.addEventListener("drop", async (e) => {
  e.preventDefault();
  drop.classList.remove("over");
  const out = [];
  const items = [...(e.dataTransfer.items || [])].map((i) => i.webkitGetAsEntry && i.webkitGetAsEntry()).filter(Boolean);
  if (items.length) for (const entry of items) await readEntry(entry, "", out);
  else out.push(...e.dataTransfer.files);
  upload(out);
});
$("pick-files").addEventListener("change", (e) => { upload([...e.target.files]); e.target.value = ""; });
$("pick-folder").addEventListener("change", (e) => { upload([...e.target.files]); e.target.value = ""; });
$("rerun").addEventListener("click", async () => {
  const res = await post("/api/rerun", null);
  if (res.error) showResults([{ sent: "重新汇总", refused: res.error }]);
  else render(res.data);
});

// Tabs, filters, reminders ------------------------------------------------------------

for (const t of document.querySelectorAll(".tab")) {
  t.addEventListener("click", () => {
    for (const o of document.querySelectorAll(".tab")) o.classList.toggle("active", o === t);
    for (const b of document.querySelectorAll(".tab-body")) b.hidden = b.id !== "tab-" + t.dataset.tab;
  });
}
for (const id of ["unit-state", "unit-light", "unit-search"]) $(id).addEventListener("input", renderUnits);
for (const id of ["task-status", "task-light", "task-search"]) $(id).addEventListener("input", renderTasks);

async function showReminder(unit) {
  const r = await fetch("/api/reminder?unit=" + encodeURIComponent(unit), { cache: "no-store" });
  $("remind-title").textContent = unit + " 催报内容";
  $("remind-text").value = await r.text();
  $("remind-note").textContent = "可复制后粘贴到微信或邮件中。";
  $("remind").hidden = false;
}
$("remind-close").addEventListener("click", () => { $("remind").hidden = true; });
$("remind-copy").addEventListener("click", async () => {
  const t = $("remind-text");
  t.select();
  try { await navigator.clipboard.writeText(t.value); } catch (e) { document.execCommand("copy"); }
  $("remind-note").textContent = "已复制。";
});

loadState();
