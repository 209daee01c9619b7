// verbale serve: the page's script. Keeps the delegation file's text, sends it to be
// checked and drawn as the user types (the newest keystroke wins), edits it through the
// form, saves and issues it. No framework, no build step.
"use strict";

const $ = (id) => document.getElementById(id);
const state = {
  name: null, text: "", version: null, saved: "",
  seq: 0, shown: 0, inflight: false, again: false, timer: null,
  pending: new Map(), editTimer: null, editing: false, formStale: true,
};

function t(key) {
  const table = STRINGS[state.lang] || STRINGS.en;
  return table[key] || STRINGS.en[key] || key;
}

async function call(method, url, body) {
  const options = { method, headers: {}, credentials: "same-origin" };
  if (body !== undefined) {
    options.headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(body);
  }
  const response = await fetch(url, options);
  let data = null;
  try { data = await response.json(); } catch (_) { data = { error: response.statusText }; }
  return { status: response.status, data };
}

function setStatus(text) { $("status").textContent = text; }

// Whether the text shown is the file on disk.
function showSaved() {
  $("save-state").textContent = state.text === state.saved ? t("saved") : t("unsaved");
}

// ---- loading a file --------------------------------------------------------------------

async function start() {
  STRINGS = await (await fetch("/assets/strings.json", { credentials: "same-origin" })).json();
  state.lang = chooseLanguage();
  $("ui-lang").value = state.lang;
  translate();
  history.replaceState(null, "", "/");
  const { data } = await call("GET", "/api/files");
  const select = $("file-select");
  for (const file of data.files) {
    const option = document.createElement("option");
    option.value = option.textContent = file.name;
    select.append(option);
  }
  $("new-file-group").hidden = !data.folder;
  if (data.files.length > 0) await open(data.files[0].name);
  else if (data.folder) $("new-name").focus();
  watchTemplates();
}

// With `--templates DIR`, a template changed on disk renders the notes again.
async function watchTemplates() {
  const { data } = await call("GET", "/api/watch");
  if (data.stamp == null) return;
  let stamp = data.stamp;
  setInterval(async () => {
    const { status, data: now } = await call("GET", "/api/watch");
    if (status === 200 && now.stamp !== stamp) { stamp = now.stamp; scheduleRender(0); }
  }, 1000);
}

async function open(name) {
  const { status, data } = await call("GET", "/api/file?name=" + encodeURIComponent(name));
  if (status !== 200) { showProblems([{ message: data.error, hints: data.hints || [] }]); return; }
  state.name = name;
  state.version = data.version;
  state.saved = data.text;
  $("conflict").hidden = true;
  setText(data.text);
  await loadForm();
}

function setText(text) {
  state.text = text;
  $("file-text").value = text;
  showSaved();
  scheduleRender(0);
}

// A new delegation file in the folder, from a blank form.
async function newFile() {
  const name = $("new-name").value.trim();
  const { status, data } = await call("POST", "/api/new", { name });
  if (status !== 200) { showProblems([{ message: data.error, hints: data.hints || [] }]); return; }
  const option = document.createElement("option");
  option.value = option.textContent = data.name;
  $("file-select").append(option);
  $("file-select").value = data.name;
  $("new-name").value = "";
  await open(data.name);
  selectTab($("tab-form"));
}

// ---- rendering: at once, numbered, the newest wins ---------------------------------------
// A change is sent at once when nothing is on its way; changes made while a render is on its
// way wait, and only the newest of them is sent when it comes back.

function scheduleRender(delay) {
  state.seq += 1;
  clearTimeout(state.timer);
  state.timer = setTimeout(render, delay === undefined ? 0 : delay);
}

async function render() {
  if (state.inflight) { state.again = true; return; }
  state.inflight = true;
  state.again = false;
  const seq = state.seq;
  setStatus(t("rendering"));
  try {
    const { status, data } = await call("POST", "/api/render", { name: state.name, text: state.text, seq });
    if (status !== 200) showProblems([{ message: data.error, hints: data.hints || [] }]);
    else if (!data.superseded && data.seq >= state.shown && data.seq === state.seq) show(data);
  } finally {
    state.inflight = false;
    if (state.again || state.seq > state.shown && state.seq !== seq) render();
  }
}

function show(data) {
  state.shown = data.seq;
  showProblems(data.problems);
  if (data.problems.length === 0) showPages(data.notes, data.seq);
}

function showPages(notes, seq) {
  const pages = $("pages");
  const sections = notes.map((note) => {
    const section = document.createElement("section");
    section.className = "note";
    section.dataset.stem = note.stem;
    const title = document.createElement("h3");
    title.textContent = note.stem;
    section.append(title);
    note.pages.forEach((page, index) => {
      const figure = document.createElement("figure");
      figure.className = "page";
      const drawing = document.createElement("div");
      drawing.className = "page-svg";
      drawing.setAttribute("aria-hidden", "true");
      // As an image, so that the drawing's own style attributes stay inside it (the page's
      // policy allows no inline style), at its paper size (the SVG's width is in points).
      const image = document.createElement("img");
      image.alt = "";
      const points = Number((page.svg.match(/width="([0-9.]+)"/) || [])[1] || 595.276);
      image.style.width = (points * 25.4 / 72).toFixed(1) + "mm";
      image.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(page.svg);
      drawing.append(image);
      const text = document.createElement("div");
      text.className = "page-text";
      text.textContent = page.text;
      const caption = document.createElement("figcaption");
      caption.textContent = t("page") + " " + (index + 1) + " / " + note.pages.length;
      figure.append(caption, drawing, text);
      section.append(figure);
    });
    return section;
  });
  pages.replaceChildren(...sections);
  pages.dataset.seq = String(seq);
}

// ---- problems, in the list and at their fields -----------------------------------------

function place(problem) {
  if (problem.line == null) return problem.file ? problem.file + ": " : "";
  if (problem.header != null || problem.sheet != null) {
    const sheet = problem.sheet ? " [" + problem.sheet + "]" : "";
    const header = problem.header ? " (" + problem.header + ")" : "";
    return problem.file + sheet + ": row " + problem.line + ", column " + problem.column + header + ": ";
  }
  return (problem.file || "") + ":" + problem.line + ":" + problem.column + ": ";
}

function showProblems(problems) {
  const list = $("problems");
  list.replaceChildren(...problems.map((problem) => {
    const item = document.createElement("li");
    item.className = "problem";
    const hints = (problem.hints || []).map((h) => " — hint: " + h).join("");
    item.textContent = place(problem) + "error: " + problem.message + hints;
    return item;
  }));
  state.problems = problems;
  markFields();
  setStatus(problems.length === 0 ? t("ok") : problems.length + " " + t(problems.length === 1 ? "problem" : "problems"));
}

// Each problem next to its field; again whenever the form is made anew.
function markFields() {
  for (const old of document.querySelectorAll("#delegation-form [aria-invalid]")) {
    old.removeAttribute("aria-invalid");
    old.removeAttribute("aria-describedby");
  }
  for (const span of document.querySelectorAll("#delegation-form .field-problem")) {
    span.hidden = true;
    span.textContent = "";
  }
  for (const problem of state.problems || []) if (problem.field) attach(problem);
}

function fieldControl(field) {
  const form = $("delegation-form");
  const exact = [...form.elements].find((e) => e.name === field);
  if (exact) return exact;
  return [...form.elements].find((e) => e.name && e.name.startsWith(field + "."));
}

function attach(problem) {
  const control = fieldControl(problem.field);
  if (!control) return;
  const span = $("problem-" + control.id.slice(2));
  if (!span) return;
  span.textContent = (span.textContent ? span.textContent + " " : "") + problem.message +
    (problem.hints || []).map((h) => " (" + h + ")").join("");
  span.hidden = false;
  control.setAttribute("aria-invalid", "true");
  control.setAttribute("aria-describedby", span.id);
}

// ---- the form --------------------------------------------------------------------------

async function loadForm() {
  const { data } = await call("POST", "/api/form", { name: state.name, text: state.text });
  const error = $("form-error");
  if (data.html == null) {
    error.textContent = data.error || "";
    error.hidden = false;
    $("delegation-form").querySelectorAll("input, select, textarea, button").forEach((e) => { e.disabled = true; });
    return;
  }
  error.hidden = true;
  $("delegation-form").innerHTML = data.html;
  state.formStale = false;
  translate();
  markFields();
}

function formInput(event) {
  const control = event.target;
  if (!control.name || control.type === "file") return;
  state.pending.set(control.name, control.value);
  clearTimeout(state.editTimer);
  state.editTimer = setTimeout(flushEdits, 0);
}

async function flushEdits() {
  if (state.editing || state.pending.size === 0) return;
  const edits = [...state.pending].map(([path, value]) => ({ path, value }));
  state.pending.clear();
  state.editing = true;
  try {
    const { status, data } = await call("POST", "/api/edit", { name: state.name, text: state.text, edits });
    if (status === 200) setText(data.text);
    else showProblems([{ message: data.error, hints: data.hints || [] }]);
  } finally {
    state.editing = false;
    // What was typed while this edit was on its way goes next, in one request.
    if (state.pending.size > 0) flushEdits();
  }
}

async function memberOp(op, index, to, focus, members, path) {
  await flushEdits();
  const { status, data } = await call("POST", "/api/edit", { name: state.name, text: state.text, op, index, to, members, path });
  if (status !== 200) { showProblems([{ message: data.error, hints: [] }]); return; }
  setText(data.text);
  await loadForm();
  const target = focus && document.querySelector(focus);
  if (target) target.focus();
}

function formClick(event) {
  const button = event.target.closest("button");
  if (!button) return;
  const index = Number(button.dataset.index);
  if (button.classList.contains("by-language")) {
    const path = button.dataset.path;
    memberOp("by_language", 0, 0, `[name^="${path}."]`, undefined, path);
  } else if (button.id === "add-member") {
    const rows = document.querySelectorAll("#members tr.member").length;
    memberOp("add_member", 0, 0, `[name="member[${rows}].name"]`);
  } else if (button.classList.contains("remove-member")) {
    memberOp("remove_member", index, index, "#add-member");
  } else if (button.classList.contains("move-up")) {
    memberOp("move_member", index, index - 1, `tr[data-index="${index - 1}"] .move-up:not([disabled]), tr[data-index="${index - 1}"] .move-down`);
  } else if (button.classList.contains("move-down")) {
    memberOp("move_member", index, index + 1, `tr[data-index="${index + 1}"] .move-down:not([disabled]), tr[data-index="${index + 1}"] .move-up`);
  }
}

// ---- an emblem or seal chosen in the form: written beside the file, then named in it -----

async function uploadPicture(input, replace) {
  const file = input.files[0];
  if (!file) return;
  await flushEdits();
  const path = input.dataset.path;
  const url = "/api/picture?name=" + encodeURIComponent(state.name) + "&file=" + encodeURIComponent(file.name) + (replace ? "&replace=true" : "");
  const response = await fetch(url, { method: "POST", credentials: "same-origin", body: file });
  let data;
  try { data = await response.json(); } catch (_) { data = { error: response.status + " " + response.statusText }; }
  // A different file of that name is there: replaced only when the user says so.
  if (response.status === 409 && !replace && window.confirm(file.name + " " + t("replacePicture"))) {
    await uploadPicture(input, true);
    return;
  }
  if (response.status !== 200) {
    showProblems([{ message: data.error, hints: data.hints || [], field: path }]);
    return;
  }
  const edited = await call("POST", "/api/edit", { name: state.name, text: state.text, edits: [{ path, value: data.file }] });
  if (edited.status !== 200) { showProblems([{ message: edited.data.error, hints: [] }]); return; }
  setText(edited.data.text);
  await loadForm();
  setStatus(t("uploaded") + " " + data.file);
  document.querySelector(`[name="${path}"]`)?.focus();
}

// ---- a spreadsheet of members, dropped on the table or chosen ---------------------------

async function importSheet(file) {
  if (!file) return;
  await flushEdits();
  const url = "/api/import?name=" + encodeURIComponent(state.name) + "&file=" + encodeURIComponent(file.name);
  const response = await fetch(url, { method: "POST", credentials: "same-origin", body: file });
  let data;
  try { data = await response.json(); } catch (_) { data = { error: response.status + " " + response.statusText }; }
  if (response.status !== 200) {
    showProblems(data.problems || [{ message: data.error, hints: data.hints || [] }]);
    return;
  }
  const count = document.querySelectorAll("#members tr.member").length;
  await memberOp("append_members", 0, 0, `[name="member[${count}].name"]`, data.members);
  setStatus(data.count + " " + t("imported"));
}

function dropping(event) {
  if (!event.target.closest || !event.target.closest("#delegation")) return;
  event.preventDefault();
  document.getElementById("members")?.classList.toggle("dropping", event.type === "dragover");
  if (event.type === "drop") importSheet(event.dataTransfer.files[0]);
}

// ---- tabs ------------------------------------------------------------------------------

function selectTab(tab) {
  for (const other of document.querySelectorAll("[role=tab]")) {
    const selected = other === tab;
    other.setAttribute("aria-selected", String(selected));
    other.tabIndex = selected ? 0 : -1;
    $(other.getAttribute("aria-controls")).hidden = !selected;
  }
  tab.focus();
  if (tab.id === "tab-form" && state.formStale) loadForm();
}

function tabKeys(event) {
  if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
  const other = event.target.id === "tab-form" ? $("tab-file") : $("tab-form");
  selectTab(other);
}

// ---- save and issue ------------------------------------------------------------------

async function save() {
  await flushEdits();
  const { status, data } = await call("POST", "/api/save", { name: state.name, text: state.text, version: state.version });
  if (status === 200) {
    state.version = data.version;
    state.saved = state.text;
    $("conflict").hidden = true;
    showSaved();
    return true;
  }
  if (status === 409) {
    $("conflict-text").textContent = data.error + " " + (data.hints || []).join(" ");
    $("conflict").hidden = false;
    $("reload").focus();
  } else {
    showProblems([{ message: data.error, hints: data.hints || [] }]);
  }
  return false;
}

async function issue() {
  if (state.text !== state.saved && !(await save())) return;
  setStatus(t("issuing"));
  const mail = $("issue-mail").checked;
  const { status, data } = await call("POST", "/api/issue", { name: state.name, version: state.version, mail });
  if (status === 200) {
    $("downloads").replaceChildren(...data.files.map((file) => {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.className = "download";
      link.href = file.url;
      link.textContent = file.name;
      link.setAttribute("download", file.name);
      item.append(link);
      return item;
    }));
    $("send-zone").hidden = !mail;
    $("send-confirm").hidden = true;
    $("send-result").replaceChildren();
    setStatus(t("issued") + " " + data.numbered.map((n) => n.note + ": " + n.reference).join(", "));
    showRegister();
    $("downloads").querySelector("a")?.focus();
  } else if (status === 409) {
    $("conflict-text").textContent = data.error + " " + (data.hints || []).join(" ");
    $("conflict").hidden = false;
  } else {
    showProblems(data.problems || [{ message: data.error, hints: data.hints || [] }]);
  }
}

// ---- sending the issued notes' mail: first what will be sent, then, once confirmed, sent --

function line(text, className) {
  const item = document.createElement("li");
  item.textContent = text;
  if (className) item.className = className;
  return item;
}

function skippedLine(skipped) {
  return line(skipped.note + ": " + t("sentBefore") + " " + (skipped.sent_at || ""));
}

function showSendFailure(data) {
  if (data.problems) { showProblems(data.problems); return; }
  $("send-result").replaceChildren(line(data.error + " " + (data.hints || []).join(" "), "problem"));
  setStatus(t("notSent"));
}

async function sendShow() {
  $("send-result").replaceChildren();
  const { status, data } = await call("POST", "/api/send", { name: state.name, version: state.version });
  if (status !== 200) { showSendFailure(data); return; }
  $("send-server").textContent = t("sendServer") + ": " + data.server + (data.user ? " (" + data.user + ")" : "");
  const items = data.notes.map((note) => {
    const lines = [note.note, t("to") + ": " + note.to];
    if (note.cc.length) lines.push(t("cc") + ": " + note.cc.join(", "));
    lines.push(t("subject") + ": " + note.subject);
    for (const file of note.attachments) lines.push(t("attached") + ": " + file.name + " (" + file.size + " " + t("bytes") + ")");
    return line(lines.join("\n"));
  });
  items.push(...data.skipped.map(skippedLine));
  if (data.notes.length === 0) items.push(line(t("nothingToSend")));
  $("send-notes").replaceChildren(...items);
  $("send-password-group").hidden = !data.password;
  $("send-password").value = "";
  $("send-confirm-button").disabled = data.notes.length === 0;
  $("send-confirm").hidden = false;
  (data.password ? $("send-password") : data.notes.length ? $("send-confirm-button") : $("send-cancel")).focus();
}

async function sendConfirm() {
  setStatus(t("sending"));
  // The password goes with this one request and is then forgotten by the page.
  const password = $("send-password").value || null;
  $("send-password").value = "";
  const { status, data } = await call("POST", "/api/send", { name: state.name, version: state.version, confirm: true, password });
  if (status !== 200) { showSendFailure(data); return; }
  $("send-confirm").hidden = true;
  $("send-result").replaceChildren(
    ...data.sent.map((sent) => line(t("sent") + " " + sent.note + " → " + sent.to + " (" + t("serverSaid") + ": " + sent.answer + ")")),
    ...data.skipped.map(skippedLine),
    ...data.failed.map((failed) => line(failed.error + " " + failed.hints.join(" "), "problem")),
  );
  setStatus(data.failed.length ? data.failed.length + " " + t("notSent") : t("sentAll"));
  $("send-show").focus();
}

// ---- the register: the file's notes, and verifying a note ------------------------------

async function showRegister() {
  const { status, data } = await call("GET", "/api/register?name=" + encodeURIComponent(state.name));
  if (status !== 200) { showProblems(data.problems || [{ message: data.error, hints: data.hints || [] }]); return; }
  const items = data.notes.map(({ note, latest }) => {
    const item = document.createElement("li");
    const parts = [note.reference, note.meeting, note.kind, note.language];
    if (latest) parts.push(latest.issued, "v" + latest.version);
    if (note.voided_on) parts.push(t("voided") + " " + note.voided_on + ": " + (note.void_reason || ""));
    item.textContent = parts.join(" · ");
    return item;
  });
  if (items.length === 0) {
    const item = document.createElement("li");
    item.textContent = t("noNotes");
    items.push(item);
  }
  $("register-notes").replaceChildren(...items);
}

async function verifyNote(file) {
  if (!file) return;
  const url = "/api/verify?name=" + encodeURIComponent(state.name);
  const response = await fetch(url, { method: "POST", credentials: "same-origin", body: file });
  let data;
  try { data = await response.json(); } catch (_) { data = { error: response.status + " " + response.statusText }; }
  if (response.status !== 200) {
    $("verify-result").textContent = "";
    showProblems(data.problems || [{ message: data.error, hints: data.hints || [] }]);
    return;
  }
  const found = data.found.map(({ note, version }) =>
    note.reference + " v" + version.version + " (" + version.issued + ")" +
    (note.voided_on ? " — " + t("voided") + " " + note.voided_on : ""));
  $("verify-result").textContent = file.name + ": " +
    (found.length ? t("verifyOk") + " " + found.join(", ") : t("verifyNo"));
}

function verifyDrop(event) {
  event.preventDefault();
  $("verify-zone").classList.toggle("dropping", event.type === "dragover");
  if (event.type === "drop") verifyNote(event.dataTransfer.files[0]);
}

// ---- the interface's language ----------------------------------------------------------

function chooseLanguage() {
  for (const language of navigator.languages || [navigator.language || "en"]) {
    const code = language.slice(0, 2).toLowerCase();
    if (STRINGS[code]) return code;
  }
  return "en";
}

function translate() {
  document.documentElement.lang = state.lang;
  if (state.name) showSaved();
  for (const element of document.querySelectorAll("[data-i18n]")) {
    let text = t(element.dataset.i18n).replace("{n}", element.dataset.n || "");
    if (element.dataset.member) text = t("memberN").replace("{n}", element.dataset.member) + ": " + text;
    if (element.dataset.lang) text += " (" + element.dataset.lang + ")";
    element.textContent = text;
  }
  for (const element of document.querySelectorAll("[data-i18n-label]")) {
    element.setAttribute("aria-label", t(element.dataset.i18nLabel).replace("{n}", element.dataset.n || ""));
  }
}

// The interface's words, one table per language, from /assets/strings.json.
let STRINGS = { en: {} };

// ---- wiring ------------------------------------------------------------------------------

document.addEventListener("DOMContentLoaded", () => {
  $("file-text").addEventListener("input", (event) => {
    state.text = event.target.value;
    state.formStale = true;
    showSaved();
    scheduleRender();
  });
  $("delegation-form").addEventListener("input", formInput);
  $("delegation-form").addEventListener("change", (event) => { if (event.target.tagName === "SELECT") formInput(event); });
  $("delegation-form").addEventListener("click", formClick);
  $("delegation-form").addEventListener("submit", (event) => event.preventDefault());
  for (const type of ["dragover", "dragleave", "drop"]) $("delegation-form").addEventListener(type, dropping);
  $("delegation-form").addEventListener("change", (event) => {
    if (event.target.id === "import-sheet") importSheet(event.target.files[0]);
    if (event.target.classList.contains("picture-upload")) uploadPicture(event.target, false);
  });
  $("tab-form").addEventListener("click", (e) => selectTab(e.target));
  $("tab-file").addEventListener("click", (e) => selectTab(e.target));
  $("tab-form").addEventListener("keydown", tabKeys);
  $("tab-file").addEventListener("keydown", tabKeys);
  $("save").addEventListener("click", save);
  $("new-file").addEventListener("click", newFile);
  $("register-show").addEventListener("click", showRegister);
  $("verify-file").addEventListener("change", (e) => verifyNote(e.target.files[0]));
  for (const type of ["dragover", "dragleave", "drop"]) $("verify-zone").addEventListener(type, verifyDrop);
  $("new-name").addEventListener("keydown", (e) => { if (e.key === "Enter") newFile(); });
  $("issue").addEventListener("click", issue);
  $("send-show").addEventListener("click", sendShow);
  $("send-confirm-button").addEventListener("click", sendConfirm);
  $("send-cancel").addEventListener("click", () => { $("send-confirm").hidden = true; $("send-password").value = ""; $("send-show").focus(); });
  $("send-password").addEventListener("keydown", (e) => { if (e.key === "Enter") sendConfirm(); });
  $("reload").addEventListener("click", () => open(state.name));
  $("file-select").addEventListener("change", (e) => open(e.target.value));
  $("ui-lang").addEventListener("change", (e) => { state.lang = e.target.value; translate(); });
  start();
});
