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
  // browsing context: nothing in it can run or load); then only the
  // top-level blocks that differ are swapped, so a keystroke costs the
  // layout of a paragraph, not of the whole article. Blocks are compared
  // without their source positions, which shift when lines are added
  // above; the kept blocks get the new positions. Reading a layout
  // property here would force a synchronous layout: none is read.
  keyed: null,
  keys: null,

  key: function (node) {
    if (node.nodeType === Node.ELEMENT_NODE)
      return node.outerHTML.replace(/ data-sourcepos="[^"]*"/g, "");
    return node.nodeType + ":" + node.nodeValue;
  },

  copyPositions: function (from, to) {
    if (from.nodeType !== Node.ELEMENT_NODE)
      return;
    if (from.hasAttribute("data-sourcepos"))
      to.setAttribute("data-sourcepos", from.getAttribute("data-sourcepos"));
    var a = from.querySelectorAll("[data-sourcepos]");
    var b = to.querySelectorAll("[data-sourcepos]");
    for (var i = 0; i < a.length && i < b.length; i++)
      b[i].setAttribute("data-sourcepos", a[i].getAttribute("data-sourcepos"));
  },

  update: function (html) {
    var article = this.article();
    var holder = document.implementation.createHTMLDocument("").createElement("article");
    holder.innerHTML = html;

    var fresh = holder.childNodes;
    var keys = Array.prototype.map.call(fresh, this.key);
    var old = article.childNodes;
    var oldKeys = this.keys;
    var i;

    if (this.keyed !== article || oldKeys === null || oldKeys.length !== old.length) {
      var whole = document.importNode(holder, true);
      whole.id = article.id;
      whole.className = article.className;
      article.replaceWith(whole);
      this.keyed = whole;
      this.keys = keys;
      return fresh.length;
    }

    var prefix = 0, suffix = 0;
    var n = Math.min(old.length, fresh.length);
    while (prefix < n && oldKeys[prefix] === keys[prefix])
      prefix++;
    while (suffix < n - prefix &&
           oldKeys[old.length - 1 - suffix] === keys[fresh.length - 1 - suffix])
      suffix++;

    // Blocks before the edit keep their positions; those after it move
    // only when the edit added or removed lines.
    if (suffix > 0) {
      var a = fresh[fresh.length - suffix], b = old[old.length - suffix];
      if (a.nodeType !== Node.ELEMENT_NODE || b.nodeType !== Node.ELEMENT_NODE ||
          a.getAttribute("data-sourcepos") !== b.getAttribute("data-sourcepos")) {
        for (i = 0; i < suffix; i++)
          this.copyPositions(fresh[fresh.length - 1 - i], old[old.length - 1 - i]);
      }
    }

    for (i = old.length - suffix - 1; i >= prefix; i--)
      article.removeChild(old[i]);
    var before = article.childNodes[prefix] || null;
    var insert = document.createDocumentFragment();
    for (i = prefix; i < fresh.length - suffix; i++)
      insert.appendChild(document.importNode(fresh[i], true));
    article.insertBefore(insert, before);

    this.keys = keys;
    return fresh.length - prefix - suffix;
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
