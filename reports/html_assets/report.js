"use strict";
// The checker HTML report: a side list of findings with filters, the selected article with
// every finding marked in place, and the evidence of the selected finding. Columns in the
// report are Unicode code points; JavaScript strings are UTF-16, so lines are split with
// Array.from before cutting.
(function () {
  const D = JSON.parse(document.getElementById("checker-data").textContent);
  const F = D.findings;
  const SEV = ["error", "warning", "info"];
  const LETTER = { error: "E", warning: "W", info: "I" };
  const $ = (id) => document.getElementById(id);
  // only web links become links: a javascript: or data: URL from an article must not run
  const httpUrl = (u) => /^https?:\/\//i.test(String(u));
  const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
  const push = (map, key, value) => { (map.get(key) || map.set(key, []).get(key)).push(value); };

  const docsById = new Map(D.documents.map((d) => [d.id, d]));
  const docsByPath = new Map();
  D.documents.forEach((d) => push(docsByPath, d.path, d));
  const byPath = new Map();
  F.forEach((f, i) => {
    f.i = i;
    f.hay = [f.path, f.rule, f.severity, f.message, f.text, f.suggestion || "",
      ...f.evidence.map((e) => `${e.kind} ${e.detail} ${e.document || e.path || ""} ${e.url || ""}`)].join("\n").toLowerCase();
    push(byPath, f.path, f);
  });
  const lineCache = new Map();
  function linesOf(path) {
    if (!(path in D.files)) return null;
    if (!lineCache.has(path)) lineCache.set(path, D.files[path].split(/\r\n|\n|\r/));
    return lineCache.get(path);
  }
  function commonDir(paths) {
    const parts = paths.map((p) => p.split("/").slice(0, -1));
    if (!parts.length) return "";
    let shared = parts[0];
    for (const p of parts.slice(1)) {
      let n = 0;
      while (n < shared.length && n < p.length && shared[n] === p[n]) n++;
      shared = shared.slice(0, n);
    }
    return shared.length ? shared.join("/") + "/" : "";
  }
  const root = commonDir([...byPath.keys()]);
  const short = (p) => (root && p.startsWith(root) ? p.slice(root.length) : p);

  const state = { sev: new Set(SEV), rule: "", file: "", q: "", supp: false, current: -1, shownDoc: null };

  // --- header: summary and filters -------------------------------------------------------
  const plural = (n, noun) => `${n} ${noun}${n === 1 ? "" : "s"}`;

  function buildHeader() {
    const s = D.summary || {};
    const nDocs = s.documents ?? D.documents.length;
    const active = F.filter((f) => !f.suppressed);
    const sevCount = (sev) => active.filter((f) => f.severity === sev).length;
    $("summary").textContent = `${plural(active.length, "finding")} in ${plural(nDocs, "document")} · today ${D.run.today}` +
      `${D.run.online ? " · online" : " · offline"} · checker ${D.tool.version || ""}` +
      (D.notes || []).map((n) => ` · ${n}`).join("");
    $("f-sev").insertAdjacentHTML("beforeend", SEV.map((sev) =>
      `<label class="sev-${sev}"><input type="checkbox" value="${sev}" checked> <span class="sev">${sev}</span> (${sevCount(sev)})</label>`).join(""));
    const rules = new Map();
    active.forEach((f) => rules.set(f.rule, (rules.get(f.rule) || 0) + 1));
    $("f-rule").insertAdjacentHTML("beforeend", [...rules].sort().map(([r, n]) =>
      `<option value="${esc(r)}">${esc(r)} (${n})</option>`).join(""));
    const nSupp = F.length - active.length;
    if (!nSupp) $("f-supp-label").classList.add("hidden");
    else $("f-supp-label").lastChild.textContent = ` suppressed (${nSupp})`;
    $("f-sev").addEventListener("change", (ev) => {
      if (ev.target.checked) state.sev.add(ev.target.value); else state.sev.delete(ev.target.value);
      applyFilters();
    });
    $("f-rule").addEventListener("change", (ev) => { state.rule = ev.target.value; applyFilters(); });
    $("f-file").addEventListener("input", (ev) => { state.file = ev.target.value.trim().toLowerCase(); applyFilters(); });
    $("f-q").addEventListener("input", (ev) => { state.q = ev.target.value.trim().toLowerCase(); applyFilters(); });
    $("f-supp").addEventListener("change", (ev) => {
      state.supp = ev.target.checked;
      applyFilters();
      state.shownDoc = null;  // redraw the marks of the article
      if (state.current >= 0) select(state.current);
    });
  }

  // --- the side list ------------------------------------------------------------------------
  function buildSide() {
    let html = "";
    for (const path of [...byPath.keys()].sort()) {
      const items = byPath.get(path).slice().sort((a, b) => a.line - b.line || a.column - b.column);
      html += `<details open data-path="${esc(path)}"><summary title="${esc(path)}">${esc(short(path))} ` +
        `(<b class="count">${items.length}</b>)</summary><ol>`;
      for (const f of items) {
        html += `<li><a href="#f-${f.i}" id="item-${f.i}" data-i="${f.i}" class="sev-${f.severity}${f.suppressed ? " supp" : ""}" ` +
          `title="${esc(f.message)}"><span class="loc">${f.line}:${f.column}</span><span class="sev">${LETTER[f.severity]}</span>` +
          `<span class="rule">${esc(f.rule)}</span><span class="msg">${esc(f.message)}</span></a></li>`;
      }
      html += "</ol></details>";
    }
    $("side").innerHTML = html || '<p class="hint">No findings.</p>';
    $("side").addEventListener("click", (ev) => {
      const a = ev.target.closest("a[data-i]");
      if (!a) return;
      ev.preventDefault();
      select(Number(a.dataset.i));
    });
  }

  function visible(f) {
    return (state.supp || !f.suppressed) && state.sev.has(f.severity) && (!state.rule || f.rule === state.rule) &&
      (!state.file || f.path.toLowerCase().includes(state.file)) && (!state.q || f.hay.includes(state.q));
  }

  function applyFilters() {
    let shown = 0;
    for (const det of $("side").querySelectorAll("details")) {
      let n = 0;
      for (const a of det.querySelectorAll("a[data-i]")) {
        const ok = visible(F[a.dataset.i]);
        a.parentNode.classList.toggle("hidden", !ok);
        if (ok) n++;
      }
      det.classList.toggle("hidden", n === 0);
      det.querySelector(".count").textContent = n;
      shown += n;
    }
    $("shown").textContent = `${shown} of ${F.filter((f) => state.supp || !f.suppressed).length} shown`;
  }

  // --- the article --------------------------------------------------------------------------
  function worst(ids) {
    return SEV.find((s) => ids.some((i) => F[i].severity === s)) || "info";
  }

  function markLine(text, ranges) {
    if (!ranges) return esc(text);
    const cps = Array.from(text);
    const end = cps.length + 1;
    const cuts = new Set([1, end]);
    for (const [s, e] of ranges) { cuts.add(Math.min(s, end)); cuts.add(Math.min(e, end)); }
    const pts = [...cuts].sort((a, b) => a - b);
    const empties = (at) => ranges.filter(([s, e]) => s === e && Math.min(s, end) === at)
      .map(([, , i]) => `<mark class="empty sev-${F[i].severity}" data-f="${i}"></mark>`).join("");
    let html = "";
    for (let k = 0; k < pts.length - 1; k++) {
      const a = pts[k], b = pts[k + 1];
      html += empties(a);
      const seg = esc(cps.slice(a - 1, b - 1).join(""));
      const cover = ranges.filter(([s, e]) => s < e && s <= a && Math.min(e, end) >= b).map(([, , i]) => i);
      html += cover.length ? `<mark class="sev-${worst(cover)}" data-f="${cover.join(" ")}">${seg}</mark>` : seg;
    }
    return html + empties(end);
  }

  function showArticle(doc, path) {
    const key = doc ? doc.id : path;
    if (state.shownDoc === key) return;
    state.shownDoc = key;
    const lines = linesOf(path);
    const title = doc && doc.title ? doc.title : short(path);
    let html = `<h2>${esc(title)}</h2><div class="meta">${esc(path)}`;
    if (doc && doc.published) html += ` · published ${esc(doc.published)}${doc.published_source ? ` (${esc(doc.published_source)})` : ""}`;
    html += "</div>";
    if (!lines) {
      $("doc").innerHTML = html + '<p class="hint">The text of this file is not in the report (it changed after the report was written, or could not be read).</p>';
      return;
    }
    const first = (doc && doc.line_start) || 1;
    const last = Math.min((doc && doc.line_end) || lines.length, lines.length);
    const per = new Map();
    for (const f of byPath.get(path) || []) {
      if (f.line > last || f.end_line < first || (f.suppressed && !state.supp)) continue;
      for (let n = Math.max(f.line, first); n <= Math.min(f.end_line, last); n++) {
        push(per, n, [n === f.line ? f.column : 1, n === f.end_line ? f.end_column : Infinity, f.i]);
      }
    }
    const rows = [];
    for (let n = first; n <= last; n++) {
      rows.push(`<div class="ln" id="L${n}"><i>${n}</i><span>${markLine(lines[n - 1] ?? "", per.get(n))}</span></div>`);
    }
    $("doc").innerHTML = `${html}<div class="src">${rows.join("")}</div>`;
  }

  function docFor(f) {
    return docsById.get(f.document) || (docsByPath.get(f.path) || [])[0];
  }

  function clearCurrent() {
    document.querySelectorAll(".current, .ln.focus").forEach((el) => el.classList.remove("current", "focus"));
  }

  function select(i) {
    const f = F[i];
    if (!f) return;
    state.current = i;
    showArticle(docFor(f), f.path);
    clearCurrent();
    const marks = $("doc").querySelectorAll(`mark[data-f~="${i}"]`);
    marks.forEach((m) => m.classList.add("current"));
    if (marks.length) marks[0].scrollIntoView({ block: "center" });
    const item = $("item-" + i);
    if (item) { item.classList.add("current"); item.scrollIntoView({ block: "nearest" }); }
    showEvidence(f);
    history.replaceState(null, "", "#f-" + i);
  }

  // --- evidence -----------------------------------------------------------------------------
  function showEvidence(f) {
    let html = `<h3 class="sev-${f.severity}"><span class="sev">${f.severity}</span> <span class="rule">${esc(f.rule)}</span>` +
      (f.docs && httpUrl(f.docs) ? ` <a class="docs" href="${esc(f.docs)}" rel="noopener noreferrer" target="_blank">rule docs</a>` : "") +
      "</h3>";
    html += `<p class="message">${esc(f.message)}</p>`;
    html += `<p>flagged (${esc(short(f.path))}:${f.line}:${f.column}): <span class="text">${esc(f.text)}</span></p>`;
    if (f.suggestion) html += `<p class="sugg">suggestion: <span id="sugg-text">${esc(f.suggestion)}</span> <button id="copy" type="button">copy</button></p>`;
    const facts = [f.verdict, f.confidence != null ? `confidence ${f.confidence}` : null,
      f.suppressed_by ? `suppressed: ${f.suppressed_by}` : null, `fingerprint ${f.fingerprint}`].filter(Boolean);
    html += `<p class="hint">${facts.map(esc).join(" · ")}</p>`;
    html += `<h4>evidence (${f.evidence.length})</h4>`;
    if (!f.evidence.length) html += '<p class="hint">none recorded</p>';
    html += "<ul>" + f.evidence.map((e, k) => {
      let li = `<li><span class="kind">${esc(e.kind)}:</span> ${esc(e.detail)}`;
      const target = e.document || e.path;
      if (target) li += ` <button class="jump" type="button" data-k="${k}">→ ${esc(short(e.path || target))}${e.line ? ":" + e.line : ""}</button>`;
      if (e.url && httpUrl(e.url)) li += ` <a href="${esc(e.url)}" rel="noopener noreferrer" target="_blank">${esc(e.url)}</a>`;
      else if (e.url) li += ` ${esc(e.url)}`;
      return li + "</li>";
    }).join("") + "</ul>";
    $("evidence").innerHTML = html;
    const copy = $("copy");
    if (copy) copy.addEventListener("click", () => copyText(f.suggestion, copy));
  }

  function copyText(text, button) {
    const done = () => { button.textContent = "copied"; };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, () => fallbackCopy(text, done));
    } else fallbackCopy(text, done);
  }

  function fallbackCopy(text, done) {
    const area = document.createElement("textarea");
    area.value = text;
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); done(); } catch (err) { /* nothing more to try */ }
    area.remove();
  }

  function jump(e) {
    const doc = (e.document && docsById.get(e.document)) ||
      (docsByPath.get(e.path) || []).find((d) => !e.line || (d.line_start <= e.line && e.line <= d.line_end));
    const path = e.path || (doc && doc.path);
    if (!path) return;
    showArticle(doc, path);
    clearCurrent();
    const line = e.line || (doc && doc.line_start) || 1;
    const row = $("L" + line);
    if (row) { row.classList.add("focus"); row.scrollIntoView({ block: "center" }); }
  }

  $("evidence").addEventListener("click", (ev) => {
    const b = ev.target.closest("button.jump");
    if (b && state.current >= 0) jump(F[state.current].evidence[Number(b.dataset.k)]);
  });
  $("doc").addEventListener("click", (ev) => {
    const m = ev.target.closest("mark[data-f]");
    if (!m) return;
    const ids = m.dataset.f.split(" ").map(Number);
    // several findings on one stretch: each click moves to the next
    const at = ids.indexOf(state.current);
    select(ids[(at + 1) % ids.length]);
  });

  function step(direction) {
    const order = [...$("side").querySelectorAll("li:not(.hidden) > a[data-i]")].map((a) => Number(a.dataset.i));
    if (!order.length) return;
    const at = order.indexOf(state.current);
    select(order[(at + direction + order.length) % order.length] ?? order[0]);
  }

  document.addEventListener("keydown", (ev) => {
    if (ev.target.matches("input, select, textarea") || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (ev.key === "j" || ev.key === "n") step(1);
    else if (ev.key === "k" || ev.key === "N") step(-1);
    else if (ev.key === "/") { ev.preventDefault(); $("f-q").focus(); }
    else return;
    ev.preventDefault();
  });

  buildHeader();
  buildSide();
  applyFilters();
  const fromHash = /^#f-(\d+)$/.exec(location.hash);
  const firstShown = $("side").querySelector("li:not(.hidden) > a[data-i]");
  if (fromHash && F[Number(fromHash[1])]) select(Number(fromHash[1]));
  else if (firstShown) select(Number(firstShown.dataset.i));
  document.documentElement.dataset.ready = "1";
  if (window.performance && performance.mark) performance.mark("checker-ready");  // read by benchmarks/viewer_open.py
})();
