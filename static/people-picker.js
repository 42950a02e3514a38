// The meeting page's people picker, when JavaScript is on: as one types in the search field, the page is fetched
// with ?q= (the same GET the form sends without JavaScript) and its #picker-results region replaces this one. The
// "Invite" buttons stay plain forms. Without JavaScript the search button does the same by loading the page.
(function () {
  // biome-ignore lint/suspicious/noRedundantUseStrict: a classic script (not a module), so the directive counts
  'use strict';
  var form = document.querySelector('form[data-picker]');
  var input = form && form.querySelector('input[name="q"]');
  if (!form || !input || !window.fetch || !window.DOMParser) return;
  var timer = null;
  var last = 0;
  function target(q) {
    var url = new URL(form.getAttribute('action') || window.location.pathname, window.location.href);
    url.hash = '';
    url.search = '';
    url.searchParams.set('q', q);
    return url;
  }
  function search() {
    var q = input.value.trim();
    var n = ++last;
    var url = target(q);
    fetch(url.toString(), { headers: { accept: 'text/html' }, credentials: 'same-origin' })
      .then(function (r) {
        return r.ok ? r.text() : null;
      })
      .then(function (html) {
        if (!html || n !== last) return;
        var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('picker-results');
        var here = document.getElementById('picker-results');
        if (!fresh || !here) return;
        here.innerHTML = fresh.innerHTML;
        // The address shows the search, so that reloading or going back keeps it.
        window.history.replaceState(null, '', url.pathname + url.search + '#invitees');
      })
      .catch(function () {
        /* the search button still works */
      });
  }
  input.addEventListener('input', function () {
    if (timer) window.clearTimeout(timer);
    var q = input.value.trim();
    if (q.length === 1) return;
    timer = window.setTimeout(search, 300);
  });
})();
