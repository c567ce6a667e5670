// The W9Y trace viewer: hand-written, no library, no network. The trace arrives as columns (see
// ViewerData.java); everything drawn is virtualised, so a million records stay responsive: the
// list renders only its visible rows, the timeline and minimap are canvases drawn per pixel column.
"use strict";
(function () {
  var started = performance.now();
  // Script errors after loading (in a click or key handler) are kept for the browser tests to see.
  var errors = [];
  window.addEventListener("error", function (ev) { errors.push(String(ev.message)); });
  var data = JSON.parse(document.getElementById("w9y-data").textContent);
  var detailsText = document.getElementById("w9y-details").textContent;
  var n = data.a.length;

  // ---------------------------------------------------------------- columns
  var T = new Float64Array(n), E = new Float64Array(n);
  var A = Int32Array.from(data.a), K = Int32Array.from(data.k), LINK = new Int32Array(n);
  (function () {
    var t = 0, e = 0;
    for (var i = 0; i < n; i++) {
      t += data.dt[i]; e += data.de[i]; T[i] = t; E[i] = e;
      LINK[i] = data.link[i] === 0 ? -1 : i + data.link[i];
    }
  })();
  var actors = data.actors, kinds = data.kinds;

  // Each record's details: one JSON line each, split once, parsed only when needed.
  var lines = detailsText.split("\n");
  if (lines.length && lines[0] === "") lines.shift();
  function details(i) { return JSON.parse(lines[i]); }
  function record(i) {
    var r = { i: i, e: E[i], t: T[i], actor: actors[A[i]], kind: kinds[K[i]] };
    var d = details(i);
    for (var key in d) r[key] = d[key];
    return r;
  }

  // ---------------------------------------------------------------- categories
  // Each kind's category, as EventCategory.java classifies it: 0 other, 1 request, 2 response,
  // 3 storage, 4 timer, 5 lifecycle, 6 fault, 7 error, 8 failed check.
  var COLORS = ["#6e7781", "#1f6feb", "#2da44e", "#8250df", "#a0a0a0", "#0a7f8c", "#d62728", "#e8710a", "#c2185b"];
  var kindCategory = data.kindCategories;
  var CAT = new Uint8Array(n);
  for (var i0 = 0; i0 < n; i0++) CAT[i0] = kindCategory[K[i0]];
  function isAlarm(i) { return CAT[i] >= 6; }

  // Actors with storage writes are durable objects: their storage can be shown.
  var hasStorage = new Uint8Array(actors.length);
  var writeKind = kinds.indexOf("storage.write");
  for (var i1 = 0; i1 < n; i1++) if (K[i1] === writeKind) hasStorage[A[i1]] = 1;

  // ---------------------------------------------------------------- formatting
  function pad(v, w) { v = String(v); while (v.length < w) v = "0" + v; return v; }
  function fmtTime(ns) {
    var us = Math.floor(ns / 1000), s = Math.floor(us / 1e6);
    return "+" + pad(Math.floor(s / 3600), 2) + ":" + pad(Math.floor(s / 60) % 60, 2) + ":" +
      pad(s % 60, 2) + "." + pad(us % 1e6, 6);
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // ---------------------------------------------------------------- state
  var view = new Int32Array(n);     // record indexes that pass the filter, in order
  var viewLen = 0;
  var inView = new Uint8Array(n);
  var sel = -1;                      // selected record index
  var listTop = 0;                   // first visible row (position in view)
  var tlStart = 0, tlSpan = Math.max(1, Math.min(n, 400)); // the timeline's window, in record indexes
  var ROW = 20, LANE = 18, AXIS = 18, LABEL = 150;

  // ---------------------------------------------------------------- header
  var header = data.header, footer = data.footer;
  document.getElementById("title").textContent =
    data.source + " — seed " + header.seed + " — " + n.toLocaleString("en") + " records";
  var status = document.getElementById("status");
  var failureTarget = -1;
  if (!footer) {
    status.textContent = "unfinished (no footer)"; status.className = "unfinished";
  } else {
    status.textContent = footer.status; status.className = footer.status === "passed" ? "passed" : "failed";
  }
  (function findFailure() {
    var ev = footer && footer.failure ? footer.failure.eventIndex : -1;
    if (ev >= 0) {
      var last = -1;
      for (var i = 0; i < n; i++) {
        if (E[i] === ev) { last = i; if (CAT[i] >= 7) { failureTarget = i; return; } }
      }
      failureTarget = last;
    }
    if (failureTarget < 0) {
      for (var j = 0; j < n; j++) if (CAT[j] === 8) { failureTarget = j; return; }
    }
  })();
  if (footer && footer.failure) {
    var failure = document.getElementById("failure");
    failure.hidden = false;
    failure.textContent = footer.failure.type + ": " + footer.failure.message + "   (f: jump to it)";
    failure.onclick = function () { select(failureTarget); };
  }

  // ---------------------------------------------------------------- filters
  var kindSelect = document.getElementById("kind"), actorSelect = document.getElementById("actor");
  function option(select, value, text) { var o = el("option", null, text); o.value = value; select.appendChild(o); }
  option(kindSelect, "", "all kinds");
  option(kindSelect, "@alarm", "faults, errors, failed checks");
  kinds.slice().sort().forEach(function (k) { option(kindSelect, k, k); });
  option(actorSelect, "", "all actors");
  actors.slice().sort().forEach(function (a) { option(actorSelect, a, a); });
  var searchBox = document.getElementById("search");

  function applyFilter() {
    var words = searchBox.value.trim().split(/\s+/).filter(Boolean);
    var kindWant = kindSelect.value, actorWant = actorSelect.value;
    var kindOk = new Uint8Array(kinds.length), actorOk = new Uint8Array(actors.length);
    var k, a, w;
    for (k = 0; k < kinds.length; k++) {
      var ok = !kindWant || kinds[k] === kindWant || (kindWant === "@alarm" && kindCategory[k] >= 6);
      for (w = 0; w < words.length && ok; w++) {
        if (words[w].indexOf("kind:") === 0) ok = kinds[k].indexOf(words[w].slice(5)) === 0;
      }
      kindOk[k] = ok ? 1 : 0;
    }
    for (a = 0; a < actors.length; a++) {
      var aok = !actorWant || actors[a] === actorWant;
      for (w = 0; w < words.length && aok; w++) {
        if (words[w].indexOf("actor:") === 0) aok = actors[a].indexOf(words[w].slice(6)) >= 0;
      }
      actorOk[a] = aok ? 1 : 0;
    }
    var needles = [];
    words.forEach(function (word) {
      if (word.indexOf("id:") === 0) needles.push({ exact: '"id":"' + word.slice(3) + '"' });
      else if (word.indexOf("kind:") !== 0 && word.indexOf("actor:") !== 0) needles.push(textNeedle(word));
    });
    viewLen = 0;
    for (var i = 0; i < n; i++) {
      var pass = kindOk[K[i]] && actorOk[A[i]];
      for (var m = 0; m < needles.length && pass; m++) {
        var needle = needles[m];
        if (needle.exact) pass = lines[i].indexOf(needle.exact) >= 0;
        else pass = needle.actors[A[i]] || needle.kinds[K[i]] || needle.pattern.test(lines[i]);
      }
      inView[i] = pass ? 1 : 0;
      if (pass) view[viewLen++] = i;
    }
    document.getElementById("count").textContent =
      viewLen.toLocaleString("en") + " of " + n.toLocaleString("en") + " events";
    listTop = Math.max(0, Math.min(listTop, viewLen - 1));
    if (sel >= 0 && inView[sel]) scrollListTo(positionOf(sel)); else listTop = 0;
    buildMinimap();
    draw();
  }
  // Plain text, case-insensitive, in the actor, the kind or the details: the actor and kind tables
  // are matched once, the details line by a regular expression (no string built per record).
  function textNeedle(word) {
    var lower = word.toLowerCase();
    return {
      actors: actors.map(function (a) { return a.toLowerCase().indexOf(lower) >= 0; }),
      kinds: kinds.map(function (k) { return k.toLowerCase().indexOf(lower) >= 0; }),
      // The page carries each "<" as \u003c (ViewerData.java), and the lines are kept as carried.
      pattern: new RegExp(word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/</g, "\\\\u003c"), "i")
    };
  }
  var filterTimer = 0;
  searchBox.addEventListener("input", function () { clearTimeout(filterTimer); filterTimer = setTimeout(applyFilter, 250); });
  searchBox.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { clearTimeout(filterTimer); applyFilter(); ev.preventDefault(); }
    if (ev.key === "Escape") { searchBox.blur(); listEl.focus(); ev.preventDefault(); }
    ev.stopPropagation();
  });
  // After a choice the keys go back to the list (a focused select would take j and k itself).
  kindSelect.onchange = function () { applyFilter(); kindSelect.blur(); listEl.focus(); };
  actorSelect.onchange = function () { applyFilter(); actorSelect.blur(); listEl.focus(); };

  // Position of record i in the view (binary search: the view is sorted); the next one if absent.
  function positionOf(i) {
    var lo = 0, hi = viewLen;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (view[mid] < i) lo = mid + 1; else hi = mid; }
    return lo;
  }

  // ---------------------------------------------------------------- list
  var listEl = document.getElementById("list"), rowsEl = document.getElementById("rows");
  function visibleRows() { return Math.max(1, Math.floor(listEl.clientHeight / ROW)); }
  function scrollListTo(pos) {
    var rows = visibleRows();
    if (pos < listTop) listTop = pos;
    else if (pos >= listTop + rows) listTop = pos - rows + 1;
    listTop = Math.max(0, Math.min(listTop, Math.max(0, viewLen - rows)));
  }
  var CLASSES = ["", "", "", "", "", "", "fault", "error", "check"];
  function drawList() {
    var rows = visibleRows() + 1;
    rowsEl.textContent = "";
    var fragment = document.createDocumentFragment();
    for (var r = 0; r < rows && listTop + r < viewLen; r++) {
      var i = view[listTop + r];
      var row = el("div", "row " + CLASSES[CAT[i]] + (i === sel ? " sel" : ""));
      row.dataset.i = i;
      row.appendChild(el("span", "i", "#" + i));
      row.appendChild(el("span", "t", fmtTime(T[i])));
      row.appendChild(el("span", "a", actors[A[i]]));
      row.appendChild(el("span", "k", kinds[K[i]]));
      var line = lines[i].length > 300 ? lines[i].slice(0, 300) + "…" : lines[i];
      row.appendChild(el("span", "d", line.replace(/\\u003c/g, "<")));
      fragment.appendChild(row);
    }
    rowsEl.appendChild(fragment);
  }
  rowsEl.addEventListener("click", function (ev) {
    var row = ev.target.closest(".row");
    if (row) select(Number(row.dataset.i));
  });
  listEl.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var step = Math.sign(ev.deltaY) * Math.max(1, Math.round(Math.abs(ev.deltaY) / ROW));
    listTop = Math.max(0, Math.min(listTop + step, Math.max(0, viewLen - visibleRows())));
    drawList();
  }, { passive: false });

  // ---------------------------------------------------------------- timeline
  var lanesEl = document.getElementById("lanes"), canvas = document.getElementById("timeline");
  var ctx = canvas.getContext("2d");
  // x by trace order (every record its own slot) or, after t, by virtual time (records of one
  // event share a moment, and quiet stretches show as gaps).
  var byTime = false;
  function windowEnd() { return Math.min(n, tlStart + tlSpan); }
  function fraction(i) {
    if (!byTime) return (i - tlStart + 0.5) / tlSpan;
    var t0 = T[tlStart], t1 = T[windowEnd() - 1];
    return t1 > t0 ? (T[i] - t0) / (t1 - t0) * 0.98 + 0.01 : 0.5;
  }
  function xOf(i, width) { return LABEL + fraction(i) * (width - LABEL); }
  // The record index at a fraction of the plot's width (the inverse of fraction()).
  function indexAt(f) {
    if (!byTime) return tlStart + Math.floor(f * tlSpan);
    var t0 = T[tlStart], t1 = T[windowEnd() - 1], want = t0 + (f - 0.01) / 0.98 * (t1 - t0);
    var lo = tlStart, hi = windowEnd() - 1;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (T[mid] < want) lo = mid + 1; else hi = mid; }
    return lo;
  }
  function drawTimeline() {
    var width = lanesEl.clientWidth || 800, height = AXIS + actors.length * LANE + 4;
    var ratio = window.devicePixelRatio || 1;
    canvas.width = width * ratio; canvas.height = height * ratio; canvas.style.height = height + "px";
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.fillStyle = "#fff"; ctx.fillRect(0, 0, width, height);
    ctx.font = "11px system-ui, sans-serif"; ctx.textBaseline = "middle";
    for (var a = 0; a < actors.length; a++) {
      var y = AXIS + a * LANE;
      if (a % 2) { ctx.fillStyle = "#f6f8fa"; ctx.fillRect(0, y, width, LANE); }
      ctx.fillStyle = "#333"; ctx.fillText(actors[a].length > 24 ? actors[a].slice(0, 23) + "…" : actors[a], 4, y + LANE / 2);
    }
    ctx.strokeStyle = "#ddd"; ctx.beginPath(); ctx.moveTo(LABEL - 0.5, 0); ctx.lineTo(LABEL - 0.5, height); ctx.stroke();
    if (!n) return; // a trace without records (only possible by hand) has nothing to draw
    var end = Math.min(n, tlStart + tlSpan), plot = width - LABEL;
    // Axis: the virtual time at a few record positions.
    ctx.fillStyle = "#666";
    for (var tick = 0; tick < 5; tick++) {
      var ti = Math.min(n - 1, indexAt(0.01 + tick / 5));
      if (ti >= 0) ctx.fillText(fmtTime(T[ti]) + " #" + ti, xOf(ti, width), AXIS / 2);
    }
    ctx.fillText(byTime ? "x: virtual time (t)" : "x: trace order (t)", 4, AXIS / 2);
    if (tlSpan <= plot / 3) {
      // Few enough to draw one by one: arrows between a message's two ends, then the events.
      ctx.lineWidth = 1;
      for (var i = tlStart; i < end; i++) {
        var j = LINK[i];
        if (j > i && inView[i] && kinds[K[i]].slice(-5) === ".sent") {
          var x1 = xOf(i, width), y1 = AXIS + A[i] * LANE + LANE / 2, x2 = xOf(j, width), y2 = AXIS + A[j] * LANE + LANE / 2;
          ctx.strokeStyle = CAT[i] === 2 ? "rgba(45,164,78,.55)" : "rgba(31,111,235,.55)";
          ctx.beginPath(); ctx.moveTo(x1, y1); ctx.lineTo(x2, y2); ctx.stroke();
          var ang = Math.atan2(y2 - y1, x2 - x1);
          ctx.beginPath(); ctx.moveTo(x2, y2);
          ctx.lineTo(x2 - 6 * Math.cos(ang - 0.4), y2 - 6 * Math.sin(ang - 0.4));
          ctx.lineTo(x2 - 6 * Math.cos(ang + 0.4), y2 - 6 * Math.sin(ang + 0.4));
          ctx.closePath(); ctx.fillStyle = ctx.strokeStyle; ctx.fill();
        }
      }
      var w = Math.max(3, Math.min(10, plot / tlSpan - 1));
      for (var k = tlStart; k < end; k++) {
        if (!inView[k]) continue;
        var x = xOf(k, width), yy = AXIS + A[k] * LANE;
        ctx.fillStyle = COLORS[CAT[k]];
        if (CAT[k] >= 6) {
          ctx.beginPath(); ctx.moveTo(x, yy + 1); ctx.lineTo(x + 6, yy + LANE / 2); ctx.lineTo(x, yy + LANE - 1); ctx.lineTo(x - 6, yy + LANE / 2); ctx.fill();
        } else {
          ctx.fillRect(x - w / 2, yy + 4, w, LANE - 8);
        }
      }
    } else {
      // Many records per pixel: each lane's pixel column shows its most severe category.
      var cols = Math.max(1, Math.floor(plot)), grid = new Uint8Array(cols * actors.length);
      for (var m = tlStart; m < end; m++) {
        if (!inView[m]) continue;
        var c = Math.max(0, Math.min(cols - 1, Math.floor(fraction(m) * cols))), cell = A[m] * cols + c;
        var v = CAT[m] + 1;
        if (v > grid[cell] || grid[cell] === 1) grid[cell] = v;
      }
      for (var la = 0; la < actors.length; la++) {
        for (var cc = 0; cc < cols; cc++) {
          var g = grid[la * cols + cc];
          if (!g) continue;
          ctx.fillStyle = COLORS[g - 1];
          var big = g - 1 >= 6;
          ctx.fillRect(LABEL + cc - (big ? 1 : 0), AXIS + la * LANE + (big ? 1 : 4), big ? 3 : 1, big ? LANE - 2 : LANE - 8);
        }
      }
    }
    if (sel >= tlStart && sel < end) {
      var sx = xOf(sel, width);
      ctx.strokeStyle = "#000"; ctx.lineWidth = 1.5;
      ctx.strokeRect(sx - 7, AXIS + A[sel] * LANE, 14, LANE);
      ctx.strokeStyle = "rgba(0,0,0,.25)"; ctx.beginPath(); ctx.moveTo(sx, AXIS); ctx.lineTo(sx, height); ctx.stroke();
    }
  }
  canvas.addEventListener("click", function (ev) {
    var rect = canvas.getBoundingClientRect(), width = rect.width;
    var x = ev.clientX - rect.left, lane = Math.floor((ev.clientY - rect.top - AXIS) / LANE);
    if (x < LABEL) return;
    var at = indexAt((x - LABEL) / (width - LABEL));
    // The nearest record in view, preferring the clicked lane.
    var best = -1, bestDistance = Infinity, reach = Math.max(8, Math.ceil(tlSpan / (width - LABEL) * 8));
    for (var i = Math.max(0, at - reach); i < Math.min(n, at + reach + 1); i++) {
      if (!inView[i]) continue;
      var d = Math.abs(i - at) + (A[i] === lane ? 0 : reach * 2);
      if (d < bestDistance) { bestDistance = d; best = i; }
    }
    if (best >= 0) select(best);
  });
  canvas.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    if (ev.shiftKey || Math.abs(ev.deltaX) > Math.abs(ev.deltaY)) { pan(Math.sign(ev.deltaX || ev.deltaY)); return; }
    var rect = canvas.getBoundingClientRect();
    var frac = Math.max(0, (ev.clientX - rect.left - LABEL) / (rect.width - LABEL));
    zoom(ev.deltaY > 0 ? 1.5 : 1 / 1.5, frac);
  }, { passive: false });
  function pan(direction) {
    tlStart = Math.max(0, Math.min(n - tlSpan, tlStart + direction * Math.max(1, Math.round(tlSpan / 5))));
    draw();
  }
  function zoom(factor, frac) {
    var centre = tlStart + frac * tlSpan;
    tlSpan = Math.max(10, Math.min(n, Math.round(tlSpan * factor)));
    tlStart = Math.max(0, Math.min(n - tlSpan, Math.round(centre - frac * tlSpan)));
    draw();
  }

  // ---------------------------------------------------------------- minimap
  var mini = document.getElementById("minimap"), miniCtx = mini.getContext("2d");
  var miniDensity = null, miniAlarm = null, miniCols = 0;
  function buildMinimap() {
    miniCols = Math.max(1, mini.clientWidth || 800);
    miniDensity = new Uint32Array(miniCols); miniAlarm = new Uint8Array(miniCols);
    if (n < miniCols) {
      // Fewer records than pixels: each record fills its share of the width.
      for (var c = 0; c < miniCols; c++) {
        var r = Math.floor(c * n / miniCols);
        if (inView[r]) { miniDensity[c] = 1; miniAlarm[c] = CAT[r]; }
      }
      return;
    }
    for (var p = 0; p < viewLen; p++) {
      var i = view[p], col = Math.min(miniCols - 1, Math.floor(i / n * miniCols));
      miniDensity[col]++;
      if (CAT[i] > miniAlarm[col]) miniAlarm[col] = CAT[i];
    }
  }
  function drawMinimap() {
    var width = miniCols, height = 36, ratio = window.devicePixelRatio || 1;
    mini.width = width * ratio; mini.height = height * ratio;
    miniCtx.setTransform(ratio, 0, 0, ratio, 0, 0);
    miniCtx.fillStyle = "#eef"; miniCtx.fillRect(0, 0, width, height);
    var max = 1;
    for (var c = 0; c < width; c++) if (miniDensity[c] > max) max = miniDensity[c];
    miniCtx.fillStyle = "#8fa8d8";
    for (var c2 = 0; c2 < width; c2++) {
      var h = miniDensity[c2] ? Math.max(1, miniDensity[c2] / max * (height - 8)) : 0;
      miniCtx.fillRect(c2, height - h, 1, h);
    }
    for (var c3 = 0; c3 < width; c3++) {
      if (miniAlarm[c3] >= 6) { miniCtx.fillStyle = COLORS[miniAlarm[c3]]; miniCtx.fillRect(c3 - 1, 0, 3, 7); }
    }
    var x0 = tlStart / n * width, x1 = Math.min(n, tlStart + tlSpan) / n * width;
    miniCtx.strokeStyle = "#20232a"; miniCtx.lineWidth = 1.5;
    miniCtx.strokeRect(x0, 1, Math.max(2, x1 - x0), height - 2);
  }
  function miniJump(ev) {
    var rect = mini.getBoundingClientRect();
    var i = Math.floor((ev.clientX - rect.left) / rect.width * n);
    var pos = Math.min(viewLen - 1, positionOf(Math.max(0, Math.min(n - 1, i))));
    if (pos >= 0) select(view[pos]);
  }
  var dragging = false;
  mini.addEventListener("mousedown", function (ev) { dragging = true; miniJump(ev); });
  window.addEventListener("mousemove", function (ev) { if (dragging) miniJump(ev); });
  window.addEventListener("mouseup", function () { dragging = false; });

  // ---------------------------------------------------------------- detail
  var detailEl = document.getElementById("detail");
  function link(text, target) {
    var a = el("a", null, text);
    a.onclick = function () { select(target); };
    return a;
  }
  function showDetail(i) {
    detailEl.textContent = "";
    var r = record(i);
    detailEl.appendChild(el("h3", null, "#" + i + "  " + r.kind + "  " + r.actor));
    var partner = LINK[i];
    if (partner >= 0) {
      var p = el("p");
      p.appendChild(document.createTextNode(partner > i ? "its other end: " : "sent by: "));
      p.appendChild(link("#" + partner + " " + kinds[K[partner]] + " on " + actors[A[partner]] + " at " + fmtTime(T[partner]), partner));
      p.appendChild(document.createTextNode("  (l)"));
      detailEl.appendChild(p);
    }
    var pre = el("pre", "record", JSON.stringify(r, null, 2));
    pre.id = "record";
    detailEl.appendChild(pre);
    if (hasStorage[A[i]]) showStorage(i);
  }
  // Storage as the trace knows it at record i: the keys written (storage.write's changes: key,
  // size, a hash prefix of the value; values are not in the trace), and whether each write was
  // durable yet (storage.durable of its batch). A reset drops what was not durable.
  function showStorage(i) {
    var actor = A[i], keys = {}, batchOf = {}, durable = {};
    var durableKind = kinds.indexOf("storage.durable"), resetKind = kinds.indexOf("object.reset");
    for (var j = 0; j <= i; j++) {
      if (A[j] !== actor) continue;
      if (K[j] === writeKind) {
        var d = details(j);
        if (d.deleteAll) keys = {};
        (d.changes || []).forEach(function (change) {
          if (change.length === 1) keys[change[0]] = { deleted: true, batch: d.batch, at: j };
          else keys[change[0]] = { size: change[1], hash: change[2], batch: d.batch, at: j };
        });
      } else if (K[j] === durableKind) {
        durable[details(j).batch] = true;
      } else if (K[j] === resetKind) {
        for (var key in keys) if (!durable[keys[key].batch]) delete keys[key];
      }
    }
    detailEl.appendChild(el("h3", null, "Storage of " + actors[actor] + " after #" + i));
    detailEl.appendChild(el("p", "note", "As the trace records it: each key's size and a hash prefix of its value from " +
      "storage.write changes (the values themselves are not in the trace); 'pending' writes were not yet durable."));
    var names = Object.keys(keys).sort();
    if (!names.length) { detailEl.appendChild(el("p", "note", "(nothing written yet)")); return; }
    var table = el("table"); table.id = "storage";
    var head = el("tr");
    ["key", "size", "hash", "state", "written at"].forEach(function (h) { head.appendChild(el("th", null, h)); });
    table.appendChild(head);
    names.forEach(function (key) {
      var v = keys[key], tr = el("tr");
      tr.appendChild(el("td", null, key));
      tr.appendChild(el("td", null, v.deleted ? "deleted" : String(v.size)));
      tr.appendChild(el("td", null, v.deleted ? "" : v.hash));
      tr.appendChild(el("td", null, durable[v.batch] ? "durable" : "pending (batch " + v.batch + ")"));
      var td = el("td"); td.appendChild(link("#" + v.at, v.at)); tr.appendChild(td);
      table.appendChild(tr);
    });
    detailEl.appendChild(table);
  }

  // ---------------------------------------------------------------- selection and keys
  function select(i) {
    if (i < 0 || i >= n) return;
    if (!inView[i]) {
      // A link or the failure may lead outside the filter: clear the filter to show it.
      searchBox.value = ""; kindSelect.value = ""; actorSelect.value = "";
      sel = i; applyFilter();
    }
    sel = i;
    scrollListTo(positionOf(i));
    if (i < tlStart || i >= tlStart + tlSpan) tlStart = Math.max(0, Math.min(n - tlSpan, i - Math.floor(tlSpan / 2)));
    showDetail(i);
    draw();
  }
  function step(delta) {
    if (!viewLen) return;
    var pos = sel < 0 ? (delta > 0 ? -1 : viewLen) : positionOf(sel);
    if (sel >= 0 && !inView[sel] && delta > 0) pos -= 1;
    select(view[Math.max(0, Math.min(viewLen - 1, pos + delta))]);
  }
  function nextAlarm(direction) {
    for (var i = sel + direction; i >= 0 && i < n; i += direction) if (inView[i] && isAlarm(i)) { select(i); return; }
  }
  var help = document.getElementById("help");
  document.getElementById("help-button").onclick = function () { help.hidden = !help.hidden; };
  help.onclick = function () { help.hidden = true; };
  document.addEventListener("keydown", function (ev) {
    if (ev.target === searchBox || ev.target.tagName === "SELECT" || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    var handled = true;
    switch (ev.key) {
      case "j": case "ArrowDown": step(1); break;
      case "k": case "ArrowUp": step(-1); break;
      case "PageDown": step(visibleRows()); break;
      case "PageUp": step(-visibleRows()); break;
      case "g": case "Home": if (viewLen) select(view[0]); break;
      case "G": case "End": if (viewLen) select(view[viewLen - 1]); break;
      case "n": nextAlarm(1); break;
      case "N": case "p": nextAlarm(-1); break;
      case "f": if (failureTarget >= 0) select(failureTarget); break;
      case "l": if (sel >= 0 && LINK[sel] >= 0) select(LINK[sel]); break;
      case "ArrowLeft": pan(-1); break;
      case "ArrowRight": pan(1); break;
      case "t": byTime = !byTime; draw(); break;
      case "+": case "=": zoom(1 / 1.5, sel >= tlStart ? (sel - tlStart) / tlSpan : 0.5); break;
      case "-": zoom(1.5, sel >= tlStart ? (sel - tlStart) / tlSpan : 0.5); break;
      case "/": searchBox.focus(); searchBox.select(); break;
      case "?": help.hidden = !help.hidden; break;
      case "Escape": help.hidden = true; break;
      default: handled = false;
    }
    if (handled) ev.preventDefault();
  });

  function draw() { drawList(); drawTimeline(); drawMinimap(); }
  window.addEventListener("resize", function () { buildMinimap(); draw(); });

  applyFilter();
  listEl.focus();
  var firstRender = performance.now();
  performance.mark("w9y-first-render");
  // For tests and benchmarks: the time from navigation to the first drawing (performance.now()
  // counts from the navigation's start), and how much of it this script took.
  window.w9yViewer = { records: n, firstRenderMs: firstRender, scriptMs: firstRender - started,
    selected: function () { return sel; },
    shown: function () { return viewLen; }, failure: failureTarget,
    search: function (text) { searchBox.value = text; applyFilter(); }, select: select,
    // Where record i is drawn on the timeline canvas (CSS pixels from its top left).
    pointOf: function (i) { return { x: xOf(i, lanesEl.clientWidth), y: AXIS + A[i] * LANE + LANE / 2 }; },
    timeWindow: function () { return [tlStart, windowEnd()]; },
    errors: function () { return errors.slice(); } };
  document.body.dataset.ready = "true";
})();
