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

  // The article is a list of top-level blocks, split by the app, which
  // keeps the previous list and sends only the range that changed: JS
  // parses a paragraph per keystroke, not the whole article. Each block
  // is parsed in a scratch document (no browsing context: nothing in it
  // can run or load) and imported. blocks[i] holds the nodes block i made.
  // Reading a layout property here would force a synchronous layout: none
  // is read.
  keyed: null,
  blocks: null,
  scratch: null,

  parse: function (html) {
    if (this.scratch === null)
      this.scratch = document.implementation.createHTMLDocument("").createElement("article");
    this.scratch.innerHTML = html;
    var copy = document.importNode(this.scratch, true);
    this.scratch.textContent = "";
    return Array.prototype.slice.call(copy.childNodes);
  },

  // Parses @html (an array of blocks) in one go: each block the app cut
  // starts with an element or a comment, which tells where the next one
  // starts. Block by block when the parser saw it otherwise.
  parseBlocks: function (html) {
    var nodes = this.parse(html.join(""));
    var blocks = [], block = null;
    for (var i = 0; i < nodes.length; i++) {
      var type = nodes[i].nodeType;
      if (block === null || type === Node.ELEMENT_NODE || type === Node.COMMENT_NODE) {
        block = [];
        blocks.push(block);
      }
      block.push(nodes[i]);
    }
    if (blocks.length === html.length)
      return blocks;
    blocks = [];
    for (i = 0; i < html.length; i++)
      blocks.push(this.parse(html[i]));
    return blocks;
  },

  // Blocks after the edit keep their content but move by @shift lines
  // when the edit added or removed lines.
  shift: function (node, shift) {
    if (node.nodeType !== Node.ELEMENT_NODE)
      return;
    var all = [node].concat(Array.prototype.slice.call(node.querySelectorAll("[data-sourcepos]")));
    for (var i = 0; i < all.length; i++) {
      var m = /^(\d+):(\d+)-(\d+):(\d+)$/.exec(all[i].getAttribute("data-sourcepos") || "");
      if (m)
        all[i].setAttribute("data-sourcepos", (+m[1] + shift) + ":" + m[2] + "-" + (+m[3] + shift) + ":" + m[4]);
    }
  },

  // Replaces blocks [at, at + remove) of the @before blocks shown by
  // @html (an array of blocks); @before < 0 replaces the whole article.
  // Returns the number of blocks parsed, or -1 when the page does not
  // hold the @before blocks the app thinks it does (it then sends all).
  update: function (before, at, remove, html, shift) {
    var article = this.article();
    var i, j;

    if (before < 0) {
      var whole = article.cloneNode(false);
      var blocks = this.parseBlocks(html);
      for (i = 0; i < blocks.length; i++)
        for (j = 0; j < blocks[i].length; j++)
          whole.appendChild(blocks[i][j]);
      article.replaceWith(whole);
      this.keyed = whole;
      this.blocks = blocks;
      return html.length;
    }

    if (this.keyed !== article || this.blocks === null || this.blocks.length !== before ||
        at < 0 || remove < 0 || at + remove > before)
      return -1;

    var next = null;
    for (i = at + remove; i < before && next === null; i++)
      if (this.blocks[i].length > 0)
        next = this.blocks[i][0];
    for (i = at; i < at + remove; i++)
      for (j = 0; j < this.blocks[i].length; j++)
        article.removeChild(this.blocks[i][j]);

    var insert = document.createDocumentFragment();
    var fresh = html.length > 0 ? this.parseBlocks(html) : [];
    for (i = 0; i < fresh.length; i++)
      for (j = 0; j < fresh[i].length; j++)
        insert.appendChild(fresh[i][j]);
    article.insertBefore(insert, next);
    Array.prototype.splice.apply(this.blocks, [at, remove].concat(fresh));

    if (shift !== 0) {
      for (i = at + html.length; i < this.blocks.length; i++)
        for (j = 0; j < this.blocks[i].length; j++)
          this.shift(this.blocks[i][j], shift);
    }
    return html.length;
  },

  // The article's title, the page's only <h1>, as text.
  setTitle: function (title) {
    var h1 = document.getElementById("topiary-title");
    h1.textContent = title;
    h1.hidden = title === "";
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
