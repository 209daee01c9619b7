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

// ---- loading a file --------------------------------------------------------------------

async function start() {
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
  if (data.files.length > 0) await open(data.files[0].name);
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
  scheduleRender(0);
}

// ---- rendering: debounced, numbered, the newest wins ----------------------------------

function scheduleRender(delay) {
  state.seq += 1;
  clearTimeout(state.timer);
  state.timer = setTimeout(render, delay === undefined ? 120 : delay);
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
  for (const old of document.querySelectorAll("#delegation-form [aria-invalid]")) {
    old.removeAttribute("aria-invalid");
    old.removeAttribute("aria-describedby");
  }
  for (const span of document.querySelectorAll("#delegation-form .field-problem")) {
    span.hidden = true;
    span.textContent = "";
  }
  for (const problem of problems) if (problem.field) attach(problem);
  setStatus(problems.length === 0 ? t("ok") : problems.length + " " + t(problems.length === 1 ? "problem" : "problems"));
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
}

function formInput(event) {
  const control = event.target;
  if (!control.name) return;
  state.pending.set(control.name, control.value);
  clearTimeout(state.editTimer);
  state.editTimer = setTimeout(flushEdits, event.type === "change" ? 0 : 120);
}

async function flushEdits() {
  if (state.editing) { state.editTimer = setTimeout(flushEdits, 50); return; }
  if (state.pending.size === 0) return;
  const edits = [...state.pending].map(([path, value]) => ({ path, value }));
  state.pending.clear();
  state.editing = true;
  try {
    const { status, data } = await call("POST", "/api/edit", { name: state.name, text: state.text, edits });
    if (status === 200) setText(data.text);
    else showProblems([{ message: data.error, hints: data.hints || [] }]);
  } finally { state.editing = false; }
}

async function memberOp(op, index, to, focus) {
  await flushEdits();
  const { status, data } = await call("POST", "/api/edit", { name: state.name, text: state.text, op, index, to });
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
  if (button.id === "add-member") {
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
    setStatus(t("saved"));
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
    setStatus(t("issued") + " " + data.numbered.map((n) => n.note + ": " + n.reference).join(", "));
    $("downloads").querySelector("a")?.focus();
  } else if (status === 409) {
    $("conflict-text").textContent = data.error + " " + (data.hints || []).join(" ");
    $("conflict").hidden = false;
  } else {
    showProblems(data.problems || [{ message: data.error, hints: data.hints || [] }]);
  }
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
  for (const element of document.querySelectorAll("[data-i18n]")) {
    element.textContent = t(element.dataset.i18n);
  }
}

const STRINGS = {
  en: {
    file: "File", save: "Save", mailDraft: "Mail draft", issue: "Issue", language: "Language",
    reload: "Reload the file from disk", delegation: "Delegation", form: "Form", fileTab: "File",
    fileText: "Delegation file (TOML)", problems: "problems", problem: "problem",
    files: "Issued files", pages: "Pages", page: "Page", ok: "ok", rendering: "rendering…",
    saved: "saved", issuing: "issuing…", issued: "issued",
  },
  fr: {
    file: "Fichier", save: "Enregistrer", mailDraft: "Brouillon de courriel", issue: "Émettre",
    language: "Langue", reload: "Recharger le fichier depuis le disque", delegation: "Délégation",
    form: "Formulaire", fileTab: "Fichier", fileText: "Fichier de délégation (TOML)",
    problems: "problèmes", problem: "problème", files: "Fichiers émis", pages: "Pages",
    page: "Page", ok: "ok", rendering: "mise en page…", saved: "enregistré",
    issuing: "émission…", issued: "émis",
  },
  es: {
    file: "Archivo", save: "Guardar", mailDraft: "Borrador de correo", issue: "Emitir",
    language: "Idioma", reload: "Volver a cargar el archivo del disco", delegation: "Delegación",
    form: "Formulario", fileTab: "Archivo", fileText: "Archivo de delegación (TOML)",
    problems: "problemas", problem: "problema", files: "Archivos emitidos", pages: "Páginas",
    page: "Página", ok: "ok", rendering: "componiendo…", saved: "guardado",
    issuing: "emitiendo…", issued: "emitido",
  },
};

// ---- wiring ------------------------------------------------------------------------------

document.addEventListener("DOMContentLoaded", () => {
  $("file-text").addEventListener("input", (event) => {
    state.text = event.target.value;
    state.formStale = true;
    scheduleRender();
  });
  $("delegation-form").addEventListener("input", formInput);
  $("delegation-form").addEventListener("change", (event) => { if (event.target.tagName === "SELECT") formInput(event); });
  $("delegation-form").addEventListener("click", formClick);
  $("delegation-form").addEventListener("submit", (event) => event.preventDefault());
  $("tab-form").addEventListener("click", (e) => selectTab(e.target));
  $("tab-file").addEventListener("click", (e) => selectTab(e.target));
  $("tab-form").addEventListener("keydown", tabKeys);
  $("tab-file").addEventListener("keydown", tabKeys);
  $("save").addEventListener("click", save);
  $("issue").addEventListener("click", issue);
  $("reload").addEventListener("click", () => open(state.name));
  $("file-select").addEventListener("change", (e) => open(e.target.value));
  $("ui-lang").addEventListener("change", (e) => { state.lang = e.target.value; translate(); });
  start();
});
