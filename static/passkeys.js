// Passkeys (WebAuthn) in the browser: progressive enhancement. Every passkey control ([data-passkey]) is hidden in
// the HTML and shown here only when the browser can use passkeys; the pages work without it (password, TOTP and
// recovery codes are plain forms). Each ceremony asks the server for options (JSON), calls navigator.credentials,
// and posts the result back with the page's CSRF token. The messages shown come from the page (the reader's language).
(function () {
  // biome-ignore lint/suspicious/noRedundantUseStrict: a classic script (not a module), so the directive counts
  'use strict';
  if (!window.PublicKeyCredential || !navigator.credentials) return;

  function decode(s) {
    const b = atob(s.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((s.length + 3) % 4));
    const out = new Uint8Array(b.length);
    for (let i = 0; i < b.length; i++) out[i] = b.charCodeAt(i);
    return out.buffer;
  }
  function encode(buf) {
    const bytes = new Uint8Array(buf);
    let s = '';
    for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
    return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }
  function csrfToken() {
    const input = document.querySelector('input[name="_csrf"]');
    return input ? input.value : '';
  }
  function post(url, body) {
    return fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': csrfToken() },
      body: JSON.stringify(body || {}),
    }).then(function (r) {
      return r.json().then(function (json) {
        if (!r.ok) throw json;
        return json;
      });
    });
  }
  function withIds(list) {
    return (list || []).map(function (c) {
      return { id: decode(c.id), type: c.type || 'public-key', transports: c.transports };
    });
  }
  function creationOptions(o) {
    o.challenge = decode(o.challenge);
    o.user.id = decode(o.user.id);
    o.excludeCredentials = withIds(o.excludeCredentials);
    return o;
  }
  function requestOptions(o) {
    o.challenge = decode(o.challenge);
    if (o.allowCredentials) o.allowCredentials = withIds(o.allowCredentials);
    return o;
  }
  function asJson(cred) {
    const r = cred.response;
    const out = {
      id: cred.id,
      rawId: encode(cred.rawId),
      type: cred.type,
      authenticatorAttachment: cred.authenticatorAttachment || null,
      clientExtensionResults: cred.getClientExtensionResults ? cred.getClientExtensionResults() : {},
      response: { clientDataJSON: encode(r.clientDataJSON) },
    };
    if (r.attestationObject) {
      out.response.attestationObject = encode(r.attestationObject);
      if (r.getTransports) out.response.transports = r.getTransports();
    }
    if (r.authenticatorData) {
      out.response.authenticatorData = encode(r.authenticatorData);
      out.response.signature = encode(r.signature);
      out.response.userHandle = r.userHandle ? encode(r.userHandle) : null;
    }
    return out;
  }

  function setUp(box) {
    const kind = box.getAttribute('data-passkey');
    const button = box.querySelector('[data-passkey-start]');
    const error = box.querySelector('[data-passkey-error]');
    const fallback = error ? error.textContent : '';
    function fail(e) {
      const msg =
        e && e.error ? (e.error.fields && e.error.fields[0] && e.error.fields[0].message) || e.error.message : '';
      if (error) {
        error.textContent = msg || fallback;
        error.hidden = false;
      }
      button.disabled = false;
    }
    function go(url) {
      window.location.assign(url);
    }
    button.addEventListener('click', function () {
      button.disabled = true;
      if (error) error.hidden = true;
      const next = box.getAttribute('data-next') || '/';
      if (kind === 'register') {
        const nameInput = box.querySelector('input[name="passkeyName"]');
        const name = nameInput ? nameInput.value : '';
        post('/account/passkeys/options')
          .then(function (o) {
            return navigator.credentials.create({ publicKey: creationOptions(o) });
          })
          .then(function (cred) {
            return post('/account/passkeys', { name: name, response: asJson(cred) });
          })
          .then(function () {
            go('/account/passkeys');
          })
          .catch(fail);
        return;
      }
      const base = kind === 'sign-in' ? '/sign-in/passkey' : '/sign-in/two-factor/passkey';
      post(base + '/options')
        .then(function (o) {
          return navigator.credentials.get({ publicKey: requestOptions(o) });
        })
        .then(function (cred) {
          return post(base, { response: asJson(cred), next: next });
        })
        .then(function (r) {
          go(r.redirect || '/');
        })
        .catch(fail);
    });
    box.hidden = false;
  }

  const boxes = document.querySelectorAll('[data-passkey]');
  for (let i = 0; i < boxes.length; i++)
    if (!boxes[i].hasAttribute('data-ready')) {
      boxes[i].setAttribute('data-ready', '');
      setUp(boxes[i]);
    }
})();
