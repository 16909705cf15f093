// The consent page's passkey step: asks the server for assertion options for this authorization
// request, lets the browser run the WebAuthn ceremony, sends the result back, and reloads the page,
// which then shows Allow and Deny. Uses the WebAuthn Level 3 JSON forms of options and responses.
(function () {
  'use strict';

  var button = document.getElementById('passkey');
  var problem = document.getElementById('passkey-problem');

  function show(message) {
    problem.textContent = message;
    problem.hidden = false;
  }

  function post(path, body) {
    return fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'omit'
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (json) {
        if (!response.ok) {
          throw new Error(json.message || ('The server answered ' + response.status));
        }
        return json;
      });
    });
  }

  function confirm() {
    button.disabled = true;
    problem.hidden = true;
    var challengeId;
    post('/v1/webauthn/assert/options', { authRequestId: button.dataset.request })
      .then(function (options) {
        challengeId = options.challengeId;
        return navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options.publicKey) });
      })
      .then(function (credential) {
        return post('/v1/webauthn/assert/verify', { challengeId: challengeId, response: credential.toJSON() });
      })
      .then(function () {
        location.reload();
      })
      .catch(function (error) {
        var cancelled = error && error.name === 'NotAllowedError';
        show(cancelled ? 'The passkey check was cancelled or timed out. Try again.'
          : 'Your passkey could not be confirmed: ' + error.message);
        button.disabled = false;
      });
  }

  if (!window.PublicKeyCredential || typeof PublicKeyCredential.parseRequestOptionsFromJSON !== 'function') {
    show('This browser cannot use passkeys. Open this page in a current browser to continue.');
    button.disabled = true;
    return;
  }
  button.addEventListener('click', confirm);
}());
