// The permissions page: reads the principal-session token from #session= (or ?session=), shows the
// principal's grants and recent activity, and revokes a grant with one click. Every value from the
// server is inserted as text, never as HTML.
(function () {
  'use strict';

  var STORAGE_KEY = 'grantex.permissions.session';

  function byId(id) {
    return document.getElementById(id);
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = text;
    }
    return node;
  }

  function when(iso) {
    return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  }

  // The token leaves the address bar at once (so it is not bookmarked, shared or shown), and is kept
  // for this tab only, so a reload still works.
  function takeSession() {
    var fromHash = new URLSearchParams(location.hash.slice(1)).get('session');
    var fromQuery = new URLSearchParams(location.search).get('session');
    var token = fromHash || fromQuery;
    if (token) {
      sessionStorage.setItem(STORAGE_KEY, token);
      history.replaceState(null, '', location.pathname);
      return token;
    }
    return sessionStorage.getItem(STORAGE_KEY);
  }

  function claims(token) {
    try {
      var payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      return JSON.parse(atob(payload + '==='.slice((payload.length + 3) % 4)));
    } catch (e) {
      return null;
    }
  }

  function expired(tokenClaims) {
    return tokenClaims !== null && typeof tokenClaims.exp === 'number' && tokenClaims.exp * 1000 <= Date.now();
  }

  function showProblem(title, text) {
    byId('loading').hidden = true;
    byId('dashboard').hidden = true;
    byId('problem-title').textContent = title;
    byId('problem-text').textContent = text;
    byId('problem').hidden = false;
    document.title = title;
  }

  function sessionProblem(tokenClaims) {
    sessionStorage.removeItem(STORAGE_KEY);
    if (expired(tokenClaims)) {
      showProblem('This link has expired',
          'For your security, links to this page work for a limited time. Ask the application that sent you '
          + 'here for a new link.');
    } else {
      showProblem('This link is not valid',
          'It may have been copied incompletely, or it was meant for another site. Ask the application that '
          + 'sent you here for a new link.');
    }
  }

  function SessionError() {
  }

  function NetworkError(message) {
    this.message = message;
  }

  function call(token, method, path) {
    return fetch(path, { method: method, headers: { Authorization: 'Bearer ' + token }, cache: 'no-store' })
      .catch(function () {
        throw new NetworkError('The server could not be reached. Check your connection and reload the page.');
      })
      .then(function (response) {
        if (response.status === 401) {
          throw new SessionError();
        }
        return response;
      });
  }

  function json(response) {
    if (!response.ok) {
      throw new NetworkError('The server could not answer (' + response.status + '). Reload the page to try again.');
    }
    return response.json();
  }

  function setStatus(text, isError) {
    var status = byId('status');
    status.textContent = text;
    status.className = isError ? 'error' : '';
  }

  function renderGrants(token, grants) {
    var container = byId('grants');
    container.textContent = '';
    if (grants.length === 0) {
      container.appendChild(element('p', 'empty', 'No agent can act for you at the moment.'));
      return;
    }
    grants.forEach(function (grant) {
      var name = grant.agentName || grant.agentId;
      var row = element('div', 'grant');
      row.setAttribute('data-grant-id', grant.grantId);
      var details = element('div', 'details');
      details.appendChild(element('div', 'agent', name));
      if (grant.agentDescription) {
        details.appendChild(element('p', 'description', grant.agentDescription));
      }
      details.appendChild(element('div', 'meta', 'May:'));
      var scopes = element('ul', 'scopes');
      grant.scopes.forEach(function (scope, i) {
        var item = element('li', null, (grant.scopeDescriptions ? grant.scopeDescriptions[i] : scope) + ' ');
        item.appendChild(element('code', null, scope));
        scopes.appendChild(item);
      });
      details.appendChild(scopes);
      var meta = 'Allowed ' + when(grant.issuedAt) + ' · until ' + when(grant.expiresAt);
      if (grant.delegationDepth > 0) {
        meta += ' · passed on by another agent';
      }
      details.appendChild(element('div', 'meta', meta));
      row.appendChild(details);
      var revoke = element('button', 'revoke', 'Revoke access');
      revoke.type = 'button';
      revoke.setAttribute('aria-label', 'Revoke access for ' + name);
      revoke.addEventListener('click', function () {
        revokeGrant(token, grant, name, revoke);
      });
      row.appendChild(revoke);
      container.appendChild(row);
    });
  }

  function renderActivity(entries) {
    var container = byId('activity');
    container.textContent = '';
    if (entries.length === 0) {
      container.appendChild(element('p', 'empty', 'No activity has been recorded for you yet.'));
      return;
    }
    var table = element('table');
    var head = element('tr');
    ['When', 'Agent', 'Action', 'Result'].forEach(function (title) {
      var th = element('th', null, title);
      th.scope = 'col';
      head.appendChild(th);
    });
    table.appendChild(head);
    entries.forEach(function (entry) {
      var row = element('tr');
      row.appendChild(element('td', null, when(entry.timestamp)));
      row.appendChild(element('td', null, entry.agentName || entry.agentId));
      row.appendChild(element('td', null, entry.action));
      row.appendChild(element('td', 'result-' + entry.status, entry.status));
      table.appendChild(row);
    });
    container.appendChild(table);
  }

  function load(token) {
    return Promise.all([
      call(token, 'GET', '/v1/principal/grants').then(json),
      call(token, 'GET', '/v1/principal/audit').then(json)
    ]).then(function (answers) {
      byId('principal').textContent = answers[0].principalId;
      byId('session-expiry').textContent = when(answers[0].sessionExpiresAt);
      renderGrants(token, answers[0].grants);
      renderActivity(answers[1].entries);
      byId('loading').hidden = true;
      byId('dashboard').hidden = false;
    });
  }

  function revokeGrant(token, grant, name, button) {
    button.disabled = true;
    button.textContent = 'Revoking…';
    call(token, 'DELETE', '/v1/principal/grants/' + encodeURIComponent(grant.grantId))
      .then(function (response) {
        if (response.status === 204) {
          setStatus(name + ' can no longer act for you. Its access, and any access it passed on to other agents, '
              + 'was revoked.', false);
        } else if (response.status === 404) {
          setStatus('This access had already ended.', false);
        } else {
          throw new NetworkError('The access could not be revoked (' + response.status + '). Try again.');
        }
        return load(token);
      })
      .catch(function (error) {
        handle(error, token);
        button.disabled = false;
        button.textContent = 'Revoke access';
      });
  }

  function handle(error, token) {
    if (error instanceof SessionError) {
      sessionProblem(claims(token));
    } else if (byId('dashboard').hidden) {
      showProblem('Your permissions could not be loaded', error.message || String(error));
    } else {
      setStatus(error.message || String(error), true);
    }
  }

  // A new link opened in the same tab changes only the fragment, which does not reload the page.
  window.addEventListener('hashchange', function () {
    location.reload();
  });

  var token = takeSession();
  if (!token) {
    showProblem('This link is incomplete',
        'Open this page from the link the application gave you; the link carries your access to it.');
    return;
  }
  // A principal session's token is a JWT whose expiry can be read here; an SSO session's is opaque,
  // and the server judges both.
  var tokenClaims = claims(token);
  if (expired(tokenClaims)) {
    sessionProblem(tokenClaims);
    return;
  }
  load(token).catch(function (error) {
    handle(error, token);
  });
}());
