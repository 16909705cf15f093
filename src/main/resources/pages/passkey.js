// The consent page's passkey step: asks the server for assertion options for this authorization
// request, lets the browser run the WebAuthn ceremony, sends the result back, and reloads the page,
// which then shows Allow and Deny. The options and the answer travel as WebAuthn's JSON forms
// (binary values in base64url), converted here so that browsers without the Level 3 helpers work too.
(function () {
  'use strict';

  var button = document.getElementById('passkey');
  var problem = document.getElementById('passkey-problem');

  function show(message) {
    problem.textContent = message;
    problem.hidden = false;
  }

  function fromBase64url(text) {
    var base64 = text.replace(/-/g, '+').replace(/_/g, '/');
    var binary = atob(base64 + '==='.slice((base64.length + 3) % 4));
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) {
      bytes[i] = binary.charCodeAt(i);
    }
    return bytes.buffer;
  }

  function toBase64url(buffer) {
    var bytes = new Uint8Array(buffer);
    var binary = '';
    for (var i = 0; i < bytes.length; i++) {
      binary += String.fromCharCode(bytes[i]);
    }
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function requestOptions(json) {
    return {
      challenge: fromBase64url(json.challenge),
      timeout: json.timeout,
      rpId: json.rpId,
      userVerification: json.userVerification,
      allowCredentials: (json.allowCredentials || []).map(function (descriptor) {
        return { type: descriptor.type, id: fromBase64url(descriptor.id), transports: descriptor.transports };
      })
    };
  }

  function assertionJson(credential) {
    var response = credential.response;
    return {
      id: credential.id,
      rawId: toBase64url(credential.rawId),
      type: credential.type,
      authenticatorAttachment: credential.authenticatorAttachment || undefined,
      clientExtensionResults: credential.getClientExtensionResults(),
      response: {
        clientDataJSON: toBase64url(response.clientDataJSON),
        authenticatorData: toBase64url(response.authenticatorData),
        signature: toBase64url(response.signature),
        userHandle: response.userHandle ? toBase64url(response.userHandle) : undefined
      }
    };
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
        return navigator.credentials.get({ publicKey: requestOptions(options.publicKey) });
      })
      .then(function (credential) {
        return post('/v1/webauthn/assert/verify', { challengeId: challengeId, response: assertionJson(credential) });
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

  if (!window.PublicKeyCredential || !navigator.credentials) {
    show('This browser cannot use passkeys. Open this page in a current browser to continue.');
    button.disabled = true;
    return;
  }
  button.addEventListener('click', confirm);
}());
