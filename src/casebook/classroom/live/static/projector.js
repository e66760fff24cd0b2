/* The projector view: the question, the QR code and the count while open; the split (with the
   reasons) once shown; the outcome once revealed. It polls the server and redraws itself. */
"use strict";
(function () {
  const CB = window.CB;
  const $ = function (id) { return document.getElementById(id); };
  let shown = null;

  function render(state) {
    const q = state.question;
    const key = q ? q.qid + "/" + q.stage + "/" + (q.split ? JSON.stringify(q.split) : "") : "none";
    if (!q) {
      $("prompt").textContent = state.title;
      $("count").textContent = "No question is open yet.";
    } else {
      $("prompt").textContent = q.prompt;
      $("count").textContent = q.stage === "open"
        ? q.count + (q.count === 1 ? " student has" : " students have") + " committed"
        : "Voting has ended: " + q.count + " committed";
    }
    $("qr").hidden = !!(q && q.stage !== "open");
    if (key === shown) return;
    shown = key;
    if (q) {
      CB.renderSplit($("split"), q, null);
      CB.renderOutcome($("outcome"), q);
    } else {
      $("split").replaceChildren();
      $("outcome").replaceChildren();
    }
  }

  CB.poll(render, 1500);
})();
