// SPDX-License-Identifier: GPL-3.0-or-later
// Runs in the isolated "topiary" script world: the document shares the DOM
// with it but can neither see nor call it.
"use strict";

// A click on a link that leads nowhere offers to create that article.
document.addEventListener("click", function (event) {
  var el = event.target && event.target.closest ? event.target.closest(".wikilink.unresolved") : null;
  if (el === null || !window.webkit || !window.webkit.messageHandlers.topiary)
    return;
  event.preventDefault();
  window.webkit.messageHandlers.topiary.postMessage(el.getAttribute("title") || el.textContent);
}, true);

var topiary = {
  article: function () {
    return document.getElementById("topiary-article");
  },

  // Replaces the article's HTML. It is parsed in a scratch document (no
  // browsing context: nothing in it can run or load) and the result is
  // imported and swapped in one operation: for a long article with many
  // tables this is several times faster than innerHTML on the live page.
  // The document keeps its scroll offset by itself; reading a layout
  // property here would force a synchronous layout on every keystroke.
  update: function (html) {
    var old = this.article();
    var scratch = document.implementation.createHTMLDocument("");
    var holder = scratch.createElement("article");
    holder.innerHTML = html;
    var fresh = document.importNode(holder, true);
    fresh.id = old.id;
    fresh.className = old.className;
    old.replaceWith(fresh);
    return true;
  },

  startLine: function (el) {
    var pos = el.getAttribute("data-sourcepos");
    return pos ? parseInt(pos, 10) : NaN;
  },

  endLine: function (el) {
    var pos = el.getAttribute("data-sourcepos");
    var dash = pos ? pos.indexOf("-") : -1;
    return dash >= 0 ? parseInt(pos.substring(dash + 1), 10) : NaN;
  },

  // Brings the block the editor's cursor is in into view, when it is not.
  scrollToLine: function (line) {
    var blocks = this.article().querySelectorAll("[data-sourcepos]");
    var best = null;
    for (var i = 0; i < blocks.length; i++) {
      var start = this.startLine(blocks[i]);
      if (isNaN(start) || start > line)
        continue;
      // Later matches are deeper or further down: both are closer.
      if (this.endLine(blocks[i]) >= line || best === null || start >= this.startLine(best))
        best = blocks[i];
    }
    var old = document.querySelector(".topiary-cursor");
    if (old && old !== best)
      old.classList.remove("topiary-cursor");
    if (best === null)
      return -1;
    best.classList.add("topiary-cursor");
    var rect = best.getBoundingClientRect();
    if (rect.top < 0 || rect.bottom > window.innerHeight)
      best.scrollIntoView({ block: "center" });
    return this.startLine(best);
  },

  scrollToId: function (id) {
    var el = document.getElementById(id);
    if (el)
      el.scrollIntoView({ block: "start" });
    return el !== null;
  },
};
