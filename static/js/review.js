// The review meeting's screen, when JavaScript runs: arrow keys move between steps (the
// links do the same without it), a timer shows the time spent on the step, and the vote's
// tally updates live from the server's event stream.
(function () {
  "use strict";
  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    var rel = e.key === "ArrowRight" ? "next" : e.key === "ArrowLeft" ? "prev" : "";
    if (!rel) return;
    var link = document.querySelector('link[rel="' + rel + '"]');
    if (link) window.location.href = link.href;
  });

  var timer = document.querySelector(".review-timer");
  if (timer) {
    var started = Date.now();
    var limit = Number(timer.getAttribute("data-minutes")) * 60;
    timer.hidden = false;
    var tick = function () {
      var s = Math.floor((Date.now() - started) / 1000);
      var m = Math.floor(s / 60);
      var r = s % 60;
      timer.textContent = "· " + m + ":" + (r < 10 ? "0" : "") + r + " on this step";
      timer.classList.toggle("over", s > limit);
    };
    tick();
    setInterval(tick, 1000);
  }

  var board = document.querySelector("[data-events]");
  if (board && window.EventSource) {
    var source = new EventSource(board.getAttribute("data-events"));
    source.addEventListener("tally", function (e) {
      var tally = JSON.parse(e.data);
      var voters = board.querySelector('[data-field="voters"]');
      if (voters) voters.textContent = tally.voters;
      tally.areas.forEach(function (a) {
        var row = board.querySelector('tr[data-area="' + CSS.escape(a.key) + '"]');
        if (!row) return;
        ["votes", "hands", "total"].forEach(function (f) {
          var cell = row.querySelector('[data-field="' + f + '"]');
          if (cell) cell.textContent = a[f];
        });
        var bar = row.querySelector("progress");
        if (bar) {
          bar.max = tally.max;
          bar.value = a.total;
        }
      });
      if (tally.closed) source.close();
    });
  }
})();
