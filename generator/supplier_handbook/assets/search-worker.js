/* Handbook search worker: answers Material's search box from the site's Pagefind index.

   Material's page script starts the worker named in the page (the handbook names this one)
   and speaks to it in four messages: SETUP (its settings), READY, QUERY (the text typed) and
   RESULT (groups of entries, a page first, then its sections). The index is Pagefind's: an
   entry file, then only the fragments a query needs, all loaded from the site itself.

   - Supplier pages (suppliers/<slug>/...) come before every other page among those read.
   - One entry per contact, action, handover and review (a section of its supplier page in
     the index, at the item's anchor): shown under its supplier page, before the page's
     other sections.
   - A quoted phrase ("answers calls") keeps only the entries whose text holds the phrase.
   - Every title and text is shown as text: all is escaped but Pagefind's <mark> around the
     words found. */
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
var FIRST = 6;         /* entries read for the first answer, shown at once (one round of
                          fragment requests: a browser opens six connections to a host) */
var SHOWN = 50;        /* entries read for the full answer, right after */
var CANDIDATES = 100;  /* entries read to find those holding a quoted phrase */
var SECTIONS = 3;      /* sections of a page's own text shown under it */
var ITEM = /^(contact|action|handover|review)-/;  /* the anchors of a supplier's items */

var SHORTEST = 2;      /* characters a query needs: one letter matches nearly every page */
var PREFIX = 3;        /* shorter words match whole words only ("EU", "3M"), not as a
                          prefix of every word they begin: that took 0.5 s at 5,000 */

var root = new URL("../", self.location.href);  /* this file is <site>/assets/ */
var loading = null;
var latest = null;
var searching = Promise.resolve();  /* the search running now: one at a time */

if (typeof self.window === "undefined") { self.window = self; }  /* pagefind.js reads it */

function load() {
  if (!loading) {
    loading = import(new URL("pagefind/pagefind.js", root).href).then(function (pagefind) {
      return pagefind.options({ basePath: new URL("pagefind/", root).pathname, excerptLength: 24 })
        .then(function () { return pagefind.init(); })
        .then(function () { return pagefind; });
    });
  }
  return loading;
}

function escapeText(text) {
  return String(text || "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function excerpt(text) {  /* Pagefind's excerpt: nothing but <mark> survives as markup */
  return String(text || "").replace(/<(?!\/?mark>)/g, "&lt;");
}

function clean(text) { return String(text || "").replace(/\s+/g, " ").trim(); }

function parse(query) {
  var phrases = [], re = /"([^"]+)"/g, m;
  while ((m = re.exec(query)) !== null) {
    var p = clean(m[1]).toLowerCase();
    if (p) { phrases.push(p); }
  }
  var words = clean(query.replace(re, " ").replace(/"/g, " ")).split(" ").filter(Boolean);
  return { phrases: phrases, words: words };
}

function siteLocation(url) {  /* a location relative to the site, as Material's index has it */
  var href = new URL(url, root).href;
  return href.indexOf(root.href) === 0 ? href.slice(root.href.length) : href;
}

function holds(data, phrases) {
  var text = clean((data.meta && data.meta.title || "") + " " + data.content).toLowerCase();
  return phrases.every(function (p) { return text.indexOf(p) !== -1; });
}

function tier(hit) {  /* supplier pages first, then the rest, each in Pagefind's order */
  return /^suppliers\/[^\/]+\//.test(siteLocation(hit.data.url)) ? 0 : 1;
}

function weight(sub) {  /* how well a section matched: Pagefind's scores of its words */
  return (sub.weighted_locations || []).reduce(function (sum, w) { return sum + w.balanced_score; }, 0);
}

function group(found, terms, phrases) {
  /* One group per page: the page, its items (contacts, actions, handovers, reviews: each a
     section of the page in the index, at its anchor), then a few of its other sections. */
  function entry(loc, title, text, score) {
    return { location: loc, title: escapeText(title), text: text, score: score, terms: terms };
  }
  return found.map(function (hit, rank) {
    var data = hit.data, loc = siteLocation(data.url), score = SHOWN * 4 - rank;
    var title = data.meta && data.meta.title || loc;
    var own = "", items = [], sections = [];
    (data.sub_results || []).slice().sort(function (a, b) { return weight(b) - weight(a); })
      .forEach(function (sub) {
        var at = siteLocation(sub.url), shown = excerpt(sub.excerpt);
        if (at === loc || (sub.anchor && sub.anchor.element === "h1")) {  /* the page itself */
          own = own || shown;
          return;
        }
        if (phrases.length && !holds({ content: shown.replace(/<\/?mark>/g, "") }, phrases)) {
          return;  /* a section shown for a phrase holds it */
        }
        if (sub.anchor && ITEM.test(sub.anchor.id)) {
          items.push(entry(at, sub.title, shown, score));  /* shown, not folded away */
        } else if (sections.length < SECTIONS) {
          sections.push(entry(at, sub.title, shown, score - 1));
        }
      });
    return [entry(loc, title, own || excerpt(data.excerpt), score)].concat(items, sections);
  });
}

function inTurn(search) {
  /* Runs ``search`` once the search before it is done. Pagefind's searches share one
     thread, so a query typed while another runs would wait anyway; this way a query
     overtaken by a newer keystroke meanwhile is not searched at all. */
  var turn = searching.then(function () {
    /* a macrotask first: keystrokes queued while the last search ran come in before it */
    return new Promise(function (resolve) { setTimeout(resolve, 0); });
  }).then(search);
  searching = turn.then(function () { return null; }, function () { return null; });
  return turn;
}

function answer(query, post) {
  /* Posts the first entries at once, then the full answer; gives up as soon as a newer
     query came (every keystroke is one), so that the last one is not kept waiting. */
  function stale() { return query !== latest; }
  var q = parse(query);
  var text = q.words.concat(q.phrases).join(" ");
  if (!text) { post({ items: [] }); return Promise.resolve(); }
  var asked = q.words.map(function (w) { return w.length < PREFIX ? '"' + w + '"' : w; })
    .concat(q.phrases).join(" ");  /* phrases: found by their words, kept by ``holds`` */
  var terms = {};
  q.words.concat(q.phrases).forEach(function (w) { terms[w] = true; });
  function read(hits) {
    return Promise.all(hits.map(function (hit) {
      return hit.data().then(function (data) { return { data: data }; });
    })).then(function (found) {
      if (q.phrases.length) {
        found = found.filter(function (hit) { return holds(hit.data, q.phrases); });
      }
      found.forEach(function (hit, rank) { hit.rank = rank; });
      found.sort(function (a, b) { return tier(a) - tier(b) || a.rank - b.rank; });
      return { items: group(found, terms, q.phrases).slice(0, SHOWN) };
    });
  }
  if (text.length < SHORTEST) { post({ items: [] }); return Promise.resolve(); }
  return load().then(function (pagefind) {
    return inTurn(function () { return stale() ? null : pagefind.search(asked); });
  }).then(function (search) {
    /* a newer keystroke may be waiting in the queue: let it in before reading fragments */
    return new Promise(function (resolve) { setTimeout(function () { resolve(search); }, 0); });
  }).then(function (search) {
    if (!search || stale()) { return undefined; }
    var hits = search.results;
    if (q.phrases.length) { return read(hits.slice(0, CANDIDATES)).then(post); }
    return read(hits.slice(0, FIRST)).then(function (first) {
      post(first);
      if (hits.length > FIRST && !stale()) { return read(hits.slice(0, SHOWN)).then(post); }
      return undefined;
    });
  });
}

self.addEventListener("message", function (event) {
  var message = event.data || {};
  if (message.type === SETUP) {
    load().then(function () { self.postMessage({ type: READY }); }, function (error) {
      console.warn("The search index could not be loaded:", error);
      self.postMessage({ type: READY });
    });
  } else if (message.type === QUERY) {
    var query = String(message.data || "");
    latest = query;
    answer(query, function (result) {
      if (query === latest) { self.postMessage({ type: RESULT, data: result }); }
    }).catch(function (error) {
      console.warn("Search failed:", error);
      if (query === latest) { self.postMessage({ type: RESULT, data: { items: [] } }); }
    });
  }
});
