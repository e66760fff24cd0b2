/* The student's page: join with a name once (remembered on this device), commit a choice and
   a one-line reason to the open question, then see the split and the outcome as revealed.
   A commit is saved on the device before it is sent, so a retry reuses its commit id. */
"use strict";
(function () {
  const CB = window.CB;
  const $ = function (id) { return document.getElementById(id); };
  const memoryKey = "casebook-class-" + CB.code;
  let me = null;
  try { me = JSON.parse(window.localStorage.getItem(memoryKey) || "null"); } catch (e) { me = null; }
  let shownQid = null;
  let shownStage = null;
  let sending = false;

  function remember() {
    try { window.localStorage.setItem(memoryKey, JSON.stringify(me)); } catch (e) { /* private mode */ }
  }

  function say(text) { $("status").textContent = text; }

  function showJoined() {
    $("join").hidden = !!me;
    $("who").textContent = me ? "You are " + me.name : "";
  }

  $("join-form").addEventListener("submit", async function (ev) {
    ev.preventDefault();
    const name = $("name").value.trim();
    if (!name) { say("Type your name first."); return; }
    const r = await CB.post("/join", {name: name});
    if (!r.ok) { say(r.data.error || "Could not join (error " + r.status + ")."); return; }
    me = {name: r.data.name, token: r.data.token, commits: {}};
    remember();
    say("Welcome, " + me.name + ".");
    showJoined();
    shownQid = null;
  });

  async function send(qid) {
    const c = me.commits[qid];
    sending = true;
    for (let attempt = 0; attempt < 6; attempt++) {
      let r;
      try {
        r = await CB.post("/commit", {token: me.token, qid: qid, choice: c.choice,
                                      reason: c.reason, commit_id: c.commit_id});
      } catch (e) {
        say("No connection; trying again…");
        await new Promise(function (ok) { window.setTimeout(ok, 1000 * (attempt + 1)); });
        continue;
      }
      if (r.ok) {
        c.done = true; remember();
        say("Committed: " + c.choice + ". A commit is final.");
      } else if (r.status >= 500) {
        await new Promise(function (ok) { window.setTimeout(ok, 1000 * (attempt + 1)); });
        continue;
      } else if (r.status === 403 && /join the class first/.test(r.data.error || "")) {
        me = null; remember();  // this class no longer knows the device (meeting deleted)
        say("Please join again with your name.");
        showJoined();
      } else {
        delete me.commits[qid]; remember();
        say(r.data.error || "Refused (error " + r.status + ").");
      }
      break;
    }
    sending = false;
    shownStage = null;
  }

  $("commit-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    if (!me || !shownQid || sending) return;
    const picked = document.querySelector("input[name='choice']:checked");
    const reason = $("reason").value.trim();
    if (!picked || !reason) { say("Choose an option and give a one-line reason, then commit."); return; }
    me.commits[shownQid] = {choice: picked.value, reason: reason, commit_id: CB.randomId(), done: false};
    remember();
    send(shownQid);
  });

  function buildOptions(q) {
    const box = $("options");
    box.replaceChildren();
    q.options.forEach(function (option, i) {
      const id = "opt-" + i;
      const row = CB.el("div", null, "option");
      const input = document.createElement("input");
      input.type = "radio"; input.name = "choice"; input.id = id; input.value = option;
      const label = CB.el("label", option);
      label.htmlFor = id;
      row.append(input, label);
      box.appendChild(row);
    });
    $("reason").value = "";
  }

  function render(state) {
    showJoined();
    const q = state.question;
    $("wait").hidden = !me || !!q;
    $("question").hidden = !me || !q;
    if (!me || !q) { shownQid = null; return; }
    if (q.qid !== shownQid) { buildOptions(q); shownQid = q.qid; shownStage = null; }
    $("prompt").textContent = q.prompt;
    const mine = me.commits[q.qid];
    if (mine && !mine.done && !sending) send(q.qid);
    const locked = !!mine || q.stage !== "open";
    document.querySelectorAll("#commit-form input, #commit-form button").forEach(function (c) {
      c.disabled = locked;
    });
    if (mine) {
      $("mine").textContent = (mine.done ? "You committed: " : "Sending: ") + mine.choice +
        ", because " + mine.reason;
    } else {
      $("mine").textContent = q.stage === "open" ? q.count + " committed so far." :
        "Voting has ended for this question.";
    }
    if (q.stage !== shownStage) {
      CB.renderSplit($("split"), q, mine && mine.choice);
      CB.renderOutcome($("outcome"), q);
      shownStage = q.stage;
    }
  }

  showJoined();
  if (me && !me.commits) { me.commits = {}; }
  CB.poll(render, 2000);
})();
