/* Topiary default theme: client-side search.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads search-index.json (or, when the site is opened from disk, where
 * browsers refuse fetch(), the same data from search-index.js) and lists the
 * articles that contain every word of the query. Results are built with DOM
 * methods and textContent only, never innerHTML. */
(function () {
  'use strict';

  var root = document.body.getAttribute('data-root') || '';
  var input = document.getElementById('t_search-q');
  var status = document.getElementById('t_search-status');
  var list = document.getElementById('t_search-results');
  var MAX_RESULTS = 50;

  if (!input || !status || !list) {
    return;
  }

  /* The page carries the messages in the site's language. */
  function message(name, fallback) {
    return status.getAttribute('data-' + name) || fallback;
  }

  function fold(text) {
    text = String(text || '').toLowerCase();
    if (text.normalize) {
      text = text.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    }
    return text;
  }

  function loadScriptIndex() {
    return new Promise(function (resolve, reject) {
      var script = document.createElement('script');
      script.src = root + 'search-index.js';
      script.onload = function () {
        if (window.TOPIARY_SEARCH_INDEX) {
          resolve(window.TOPIARY_SEARCH_INDEX);
        } else {
          reject(new Error('empty index'));
        }
      };
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }

  function loadIndex() {
    if (location.protocol === 'file:' || !window.fetch) {
      return loadScriptIndex();
    }
    return fetch(root + 'search-index.json', { credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) {
          throw new Error('HTTP ' + response.status);
        }
        return response.json();
      })
      .catch(loadScriptIndex);
  }

  function prepare(index) {
    return (index.articles || []).map(function (a) {
      return {
        title: a.title || '',
        url: a.url || '',
        summary: a.summary || '',
        group: a.group || '',
        ftitle: fold(a.title),
        fsummary: fold(a.summary),
        fkeywords: fold((a.queries || []).join(' ')),
        fgroup: fold(a.group)
      };
    });
  }

  function score(entry, terms) {
    var total = 0;
    for (var i = 0; i < terms.length; i++) {
      var t = terms[i];
      var s = 0;
      if (entry.ftitle.indexOf(t) !== -1) { s += 10; }
      if (entry.fkeywords.indexOf(t) !== -1) { s += 5; }
      if (entry.fsummary.indexOf(t) !== -1) { s += 2; }
      if (entry.fgroup.indexOf(t) !== -1) { s += 1; }
      if (s === 0) {
        return 0;
      }
      total += s;
    }
    return total;
  }

  /* Appends @text to @parent with the query's words in <mark>, built from
   * text nodes only. Folding must keep the length for the positions to
   * match; where it does not (decomposed accents), the text stays plain. */
  function appendMarked(parent, text, terms) {
    var folded = fold(text);
    var marks = [];
    var pos = 0;

    if (folded.length === text.length) {
      terms.forEach(function (t) {
        var at = folded.indexOf(t);
        while (at !== -1) {
          marks.push([at, at + t.length]);
          at = folded.indexOf(t, at + t.length);
        }
      });
    }
    marks.sort(function (a, b) { return a[0] - b[0]; });
    marks.forEach(function (m) {
      if (m[0] < pos) {
        return;
      }
      parent.appendChild(document.createTextNode(text.slice(pos, m[0])));
      var mark = document.createElement('mark');
      mark.textContent = text.slice(m[0], m[1]);
      parent.appendChild(mark);
      pos = m[1];
    });
    parent.appendChild(document.createTextNode(text.slice(pos)));
  }

  function show(entries, query) {
    var terms = fold(query).split(/\s+/).filter(Boolean);

    while (list.firstChild) {
      list.removeChild(list.firstChild);
    }
    if (terms.length === 0) {
      status.textContent = message('prompt', 'Type a few words to search the articles.');
      return;
    }

    var hits = [];
    entries.forEach(function (entry) {
      var s = score(entry, terms);
      if (s > 0) {
        hits.push({ entry: entry, score: s });
      }
    });
    hits.sort(function (a, b) {
      return b.score - a.score || a.entry.title.localeCompare(b.entry.title);
    });

    status.textContent = hits.length === 0
      ? message('none', 'No article matches your search.')
      : message('count', 'Articles found:') + ' ' + hits.length;

    hits.slice(0, MAX_RESULTS).forEach(function (hit) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = root + hit.entry.url;
      appendMarked(a, hit.entry.title, terms);
      a.dir = 'auto';
      li.appendChild(a);
      if (hit.entry.group) {
        var g = document.createElement('p');
        g.className = 'search-group';
        g.textContent = hit.entry.group;
        li.appendChild(g);
      }
      if (hit.entry.summary) {
        var p = document.createElement('p');
        appendMarked(p, hit.entry.summary, terms);
        p.dir = 'auto';
        li.appendChild(p);
      }
      list.appendChild(li);
    });
  }

  var query = new URLSearchParams(location.search).get('q') || '';
  var headerInput = document.getElementById('t_site-search-q');
  input.value = query;
  if (headerInput) {
    headerInput.value = query;
  }
  status.textContent = message('loading', 'Loading the search index…');

  loadIndex().then(function (index) {
    var entries = prepare(index);
    show(entries, input.value);
    input.addEventListener('input', function () {
      show(entries, input.value);
      try {
        var url = new URL(location.href);
        url.searchParams.set('q', input.value);
        history.replaceState(null, '', url);
      } catch (e) {
        /* Some browsers refuse this for pages opened from disk. */
      }
    });
  }).catch(function () {
    status.textContent = message('failed', 'The search index could not be loaded.');
  });
}());
