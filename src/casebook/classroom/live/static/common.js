/* The class server's shared page code: requests and the split / outcome views.
   Everything typed by a student is set with textContent, never as HTML. */
"use strict";
window.CB = (function () {
  const body = document.body;
  const base = body.dataset.base || "";
  const code = body.dataset.code || "";
  const api = base + "/api/c/" + encodeURIComponent(code);
  let csrf = null;

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  async function getJSON(path) {
    const r = await fetch(api + path, {credentials: "same-origin", cache: "no-store"});
    let data = {};
    try { data = await r.json(); } catch (e) { data = {}; }
    return {ok: r.ok, status: r.status, data: data};
  }

  async function post(path, payload) {
    if (!csrf) {
      const r = await fetch(base + "/api/csrf", {credentials: "same-origin", cache: "no-store"});
      csrf = (await r.json()).token;
    }
    const r = await fetch(api + path, {
      method: "POST", credentials: "same-origin", cache: "no-store",
      headers: {"Content-Type": "application/json", "X-CSRF-Token": csrf},
      body: JSON.stringify(payload)
    });
    let data = {};
    try { data = await r.json(); } catch (e) { data = {}; }
    return {ok: r.ok, status: r.status, data: data};
  }

  function randomId() {
    const a = new Uint8Array(16);
    window.crypto.getRandomValues(a);
    return Array.from(a, function (b) { return b.toString(16).padStart(2, "0"); }).join("");
  }

  /* The split as labelled bars (count and share written out), then the reasons by option. */
  function renderSplit(box, q, mine) {
    box.replaceChildren();
    if (!q.split) return;
    const total = Object.values(q.split).reduce(function (a, b) { return a + b; }, 0);
    box.appendChild(el("h2", "How the class split (" + total + (total === 1 ? " student)" : " students)")));
    const list = el("ul", null, "bars");
    q.options.forEach(function (option) {
      const n = q.split[option] || 0;
      const share = total ? Math.round(100 * n / total) : 0;
      const li = el("li");
      const label = el("span", option + (option === mine ? " (you)" : ""), "bar-label");
      const figure = el("span", n + " · " + share + "%", "bar-figure");
      const track = el("span", null, "bar-track");
      const bar = el("span", null, "bar");
      bar.style.width = share + "%";
      track.appendChild(bar);
      li.append(label, figure, track);
      list.appendChild(li);
    });
    box.appendChild(list);
    if (q.reasons && q.reasons.length) {
      box.appendChild(el("h3", "Reasons"));
      q.options.forEach(function (option) {
        const rs = q.reasons.filter(function (r) { return r.choice === option; });
        if (!rs.length) return;
        box.appendChild(el("h4", option));
        const ul = el("ul", null, "reasons");
        rs.forEach(function (r) { ul.appendChild(el("li", r.reason)); });
        box.appendChild(ul);
      });
    }
  }

  function renderOutcome(box, q) {
    box.replaceChildren();
    if (!q.outcome) return;
    const judges = q.outcome.judges || {};
    if (q.outcome.text) {
      box.appendChild(el("h2", "What really happened"));
      box.appendChild(el("p", q.outcome.text));
      if (q.outcome.source) box.appendChild(el("p", "Source: " + q.outcome.source, "source"));
    }
    const chosen = q.options.filter(function (o) { return judges[o] && q.split && q.split[o]; });
    if (chosen.length) {
      box.appendChild(el("h3", "What the class's choices lead to in the chapter's model"));
      const ul = el("ul");
      chosen.forEach(function (o) {
        ul.appendChild(el("li", o + " (" + q.split[o] + "): " + judges[o]));
      });
      box.appendChild(ul);
    }
  }

  /* Poll state every `ms` milliseconds, calling render(state) on each answer. */
  function poll(render, ms) {
    async function tick() {
      try {
        const r = await getJSON("/state");
        if (r.ok) render(r.data);
      } catch (e) { /* the network dropped: try again on the next tick */ }
      window.setTimeout(tick, ms);
    }
    tick();
  }

  return {el: el, code: code, post: post, getJSON: getJSON, randomId: randomId,
          renderSplit: renderSplit, renderOutcome: renderOutcome, poll: poll};
})();
