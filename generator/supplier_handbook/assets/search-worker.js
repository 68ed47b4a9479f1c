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
   - A page whose title names what was typed (a person's page for their name, a supplier's
     page for its name) comes first.
   - Each entry shows the sentence around the best match (``sentence``), not a window of
     words that cuts it ("Call before 09:30 CET;").
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

function fold(text) {  /* for comparing names: lower case, accents dropped */
  return clean(text).toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
}

function named(data, words) {  /* the page's title holds every word typed */
  var title = fold(data.meta && data.meta.title || "");
  return words.length > 0 && words.every(function (w) { return title.indexOf(fold(w)) !== -1; });
}

function tier(hit, words) {
  /* the page of the person or supplier named, then supplier pages, then the rest, each in
     Pagefind's order */
  var loc = siteLocation(hit.data.url);
  var supplier = /^suppliers\/[^\/]+\//.test(loc);
  if ((supplier || /^(owners|people)\/[^\/]+\//.test(loc)) && named(hit.data, words)) {
    return 0;
  }
  return supplier ? 1 : 2;
}

/* --- the sentence around a match ------------------------------------------------------------
   Pagefind's excerpt is a window of words around the densest matches: it cuts sentences.
   Here an entry shows the sentence holding its best match (the words of the page between
   two sentence ends, within the entry's own section), up to LONGEST words, with the words
   found marked. */
var LONGEST = 40;      /* words of a sentence shown at most (a cut end shows "...") */
var SHORT = 8;         /* a sentence shorter than this is shown with the next one */
var END = /[.;!?]["'\u201d\u2019)\]]*$/;

function escapeWord(word) {
  return String(word).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function best(weighted) {  /* the location of the best-scored word found */
  var top = null;
  (weighted || []).forEach(function (w) {
    if (top === null || w.balanced_score > top.balanced_score) { top = w; }
  });
  return top === null ? -1 : top.location;
}

function sentence(data, weighted, from, to) {
  /* The sentence around the best of ``weighted`` among the page's words [from, to); null
     when the page's words cannot be told apart (text without spaces: Pagefind's excerpt). */
  var content = String(data.content || "");
  if (content.indexOf("\u200B") !== -1 || String(data.raw_content || "").indexOf("\u200B") !== -1) {
    return null;
  }
  var words = content.split(/[\r\n\s]+/g);
  var at = best(weighted);
  to = Math.min(to, words.length);
  if (at < from || at >= to) { return null; }
  var start = at, end = at + 1;
  while (start > from && at - start < LONGEST / 2 && !END.test(words[start - 1])) { start -= 1; }
  while (end < to && end - start < LONGEST && !END.test(words[end - 1])) { end += 1; }
  if (end - start < SHORT) {  /* a fragment ("Notes:") reads better with what follows */
    while (end < to && end - start < LONGEST && (end - start < SHORT || !END.test(words[end - 1]))) {
      end += 1;
    }
  }
  var marked = {};
  (weighted || []).forEach(function (w) { marked[w.location] = true; });
  var out = [];
  for (var i = start; i < end; i += 1) {
    var word = escapeWord(words[i]);
    out.push(marked[i] ? "<mark>" + word + "</mark>" : word);
  }
  var text = out.join(" ");
  if (start > from && !END.test(words[start - 1])) { text = "\u2026 " + text; }
  if (end < to && !END.test(words[end - 1])) { text += " \u2026"; }
  return text;
}

function sections(data) {  /* where each section starts: Pagefind's heading anchors */
  return (data.anchors || []).filter(function (a) {
    return /h\d/i.test(a.element) && a.text && /\S/.test(a.text);
  }).map(function (a) { return a.location; }).sort(function (a, b) { return a - b; });
}

function range(starts, at, total) {  /* the section [from, to) holding the word ``at`` */
  var from = 0, to = total;
  starts.forEach(function (s) {
    if (s <= at) { from = s; } else if (s < to) { to = s; }
  });
  return [from, to];
}

function snippet(data, weighted, fallback) {
  var at = best(weighted);
  if (at < 0) { return fallback; }
  var total = String(data.content || "").split(/[\r\n\s]+/g).length;
  var r = range(sections(data), at, total);
  var text = sentence(data, weighted, r[0], r[1]);
  return text === null ? fallback : text;
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
    var own = "", items = [], others = [];
    (data.sub_results || []).slice().sort(function (a, b) { return weight(b) - weight(a); })
      .forEach(function (sub) {
        var at = siteLocation(sub.url);
        var text = snippet(data, sub.weighted_locations, excerpt(sub.excerpt));
        if (at === loc || (sub.anchor && sub.anchor.element === "h1")) {  /* the page itself */
          own = own || text;
          return;
        }
        if (phrases.length && !holds({ content: text.replace(/<\/?mark>/g, "") }, phrases)) {
          return;  /* a section shown for a phrase holds it */
        }
        if (sub.anchor && ITEM.test(sub.anchor.id)) {
          items.push(entry(at, sub.title, text, score));  /* shown, not folded away */
        } else if (others.length < SECTIONS) {
          others.push(entry(at, sub.title, text, score - 1));
        }
      });
    return [entry(loc, title, own || snippet(data, data.weighted_locations, excerpt(data.excerpt)),
                  score)].concat(items, others);
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
      found.sort(function (a, b) {
        return tier(a, q.words) - tier(b, q.words) || a.rank - b.rank;
      });
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
