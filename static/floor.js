// Speakers' list and room view: live updates when JavaScript is on. The page works without it (refresh to update).
// Listens to the server-sent events stream named in #floor-live[data-stream]; on each change it fetches the page
// again and swaps the #floor-live region. The server sends a heartbeat every 15 seconds: when the stream fails, or
// stays silent for 30 seconds (a proxy holding it open but passing nothing), it polls every 10 seconds until an
// event arrives again. Also counts the current statement's remaining time down.
(function () {
  // biome-ignore lint/suspicious/noRedundantUseStrict: a classic script (not a module), so the directive counts
  'use strict';
  var live = document.getElementById('floor-live');
  if (!live) return;
  var url = live.getAttribute('data-stream');
  var poll = null;
  function region() {
    return document.getElementById('floor-live');
  }
  function refresh() {
    fetch(window.location.href, { headers: { accept: 'text/html' }, credentials: 'same-origin' })
      .then(function (r) {
        return r.ok ? r.text() : null;
      })
      .then(function (html) {
        if (!html) return;
        var doc = new DOMParser().parseFromString(html, 'text/html');
        var fresh = doc.getElementById('floor-live');
        var here = region();
        if (fresh && here) {
          here.innerHTML = fresh.innerHTML;
          tick();
        }
      })
      .catch(function () {
        /* keep the last state; the next change or poll tries again */
      });
  }
  function startPolling() {
    if (poll) return;
    refresh();
    poll = window.setInterval(refresh, 10000);
  }
  function stopPolling() {
    if (poll) {
      window.clearInterval(poll);
      poll = null;
    }
  }
  var es = null;
  var heard = Date.now();
  function alive() {
    heard = Date.now();
    stopPolling();
  }
  if (window.EventSource && url) {
    es = new EventSource(url);
    es.addEventListener('change', function () {
      alive();
      refresh();
    });
    es.addEventListener('heartbeat', alive);
    // The page was rendered with the state the stream starts from (?since): a change made meanwhile comes as an event.
    es.addEventListener('open', alive);
    es.addEventListener('error', startPolling);
    window.setInterval(function () {
      if (Date.now() - heard > 30000) startPolling();
    }, 5000);
  } else {
    startPolling();
  }
  function tick() {
    var here = region();
    var timer = here && here.querySelector('[data-ends-at]');
    if (!timer) return;
    var out = timer.querySelector('.timer-remaining');
    if (!out) return;
    var left = Math.round((Date.parse(timer.getAttribute('data-ends-at')) - Date.now()) / 1000);
    var abs = Math.abs(left);
    out.textContent = (left < 0 ? '−' : '') + Math.floor(abs / 60) + ':' + ('0' + (abs % 60)).slice(-2);
    if (left < 0) out.classList.add('overtime');
    else out.classList.remove('overtime');
  }
  window.setInterval(tick, 1000);
  tick();
})();
