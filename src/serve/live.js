// passage serve: live reload. Added to pages only while serving, never by `passage build`.
// A content change puts the new page in place of the old one and runs its scripts again (or
// reloads it, at the same scroll position, when it has module scripts); a CSS change swaps the
// stylesheet in place; a broken save shows its problems over the page until the next good one.
(function () {
  "use strict";
  var key = "passage-scroll:" + location.pathname;
  try {
    var saved = sessionStorage.getItem(key);
    if (saved) {
      sessionStorage.removeItem(key);
      var at = JSON.parse(saved);
      history.scrollRestoration = "manual";
      var restore = function () { window.scrollTo(at[0], at[1]); };
      restore();
      window.addEventListener("load", restore);
    }
  } catch (e) { /* private mode: no scroll memory */ }

  var overlay = null;
  function hide() {
    if (overlay) { overlay.remove(); overlay = null; }
  }
  function show(problems) {
    hide();
    overlay = document.createElement("div");
    overlay.id = "passage-problems";
    var root = overlay.attachShadow({ mode: "open" });
    // A constructed stylesheet, not a <style> element: the site's Content-Security-Policy
    // (style-src 'self') would block that.
    var style = new CSSStyleSheet();
    style.replaceSync(
      ":host{all:initial}" +
      ".box{position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,20,.94);" +
      "color:#f5f5f5;font:15px/1.5 system-ui,sans-serif;padding:1.5rem}" +
      "h2{margin:0 0 1rem;font-size:1.25rem;color:#ffb4a9}" +
      "ol{margin:0;padding:0 0 0 1.25rem}li{margin:0 0 1rem}" +
      "code{font:14px/1.4 ui-monospace,monospace;color:#ffd479}" +
      ".hint{color:#b8e0b0}.note{color:#ccc;margin-top:1.5rem}");
    root.adoptedStyleSheets = [style];
    var box = document.createElement("div");
    box.className = "box";
    box.setAttribute("role", "alert");
    var h = document.createElement("h2");
    var errors = problems.filter(function (p) { return p.severity === "error"; });
    h.textContent = errors.length === 1
      ? "The last save has a problem"
      : "The last save has " + errors.length + " problems";
    box.appendChild(h);
    var list = document.createElement("ol");
    problems.forEach(function (p) {
      var li = document.createElement("li");
      var where = document.createElement("code");
      where.textContent = p.file + (p.line ? ":" + p.line + (p.column ? ":" + p.column : "") : "");
      li.appendChild(where);
      li.appendChild(document.createTextNode(" " + p.severity + ": " + p.message));
      if (p.hint) {
        var hint = document.createElement("div");
        hint.className = "hint";
        hint.textContent = "Fix: " + p.hint;
        li.appendChild(hint);
      }
      list.appendChild(li);
    });
    box.appendChild(list);
    var note = document.createElement("p");
    note.className = "note";
    note.textContent = "The page below is the last version that worked. Save the fix and this goes away.";
    box.appendChild(note);
    root.append(box);
    document.documentElement.appendChild(overlay);
  }

  // A page that could not be made brings its own problem.
  if (window.__passageProblems) show(window.__passageProblems);

  var events = new EventSource("/__passage/events");
  // For tools (and curious people in the console): whether the page listens for saves.
  events.addEventListener("open", function () { window.passageLive = "open"; });
  function reload() {
    try { sessionStorage.setItem(key, JSON.stringify([window.scrollX, window.scrollY])); } catch (e) { }
    location.reload();
  }
  // The page's own scripts (not this one). Classic scripts are run again against the new
  // body after a swap, which is why a theme's scripts bind to elements in <body>, not to
  // document or window; module scripts run once per page, so their pages reload instead.
  function scripts(doc) {
    return Array.prototype.filter.call(doc.querySelectorAll("script[src]"), function (s) {
      return s.getAttribute("src").indexOf("/__passage/") !== 0 && !s.hasAttribute("data-passage-again");
    });
  }
  function describe(list) {
    return list.map(function (s) { return (s.type || "") + " " + s.getAttribute("src"); }).join("\n");
  }
  function swappable(fresh) {
    var now = scripts(document);
    return describe(now) === describe(scripts(fresh)) && !now.some(function (s) { return s.type === "module"; });
  }
  function runAgain(list) {
    list.forEach(function (old) {
      var s = document.createElement("script");
      s.src = old.getAttribute("src");
      s.async = false;
      s.setAttribute("data-passage-again", "");
      document.body.appendChild(s);
    });
  }
  function stylesheets(doc) {
    return Array.prototype.map.call(doc.querySelectorAll('link[rel="stylesheet"]'), function (l) {
      return l.getAttribute("href");
    }).join(" ");
  }
  // The new version of the page replaces the old one in place: no flash, no reloading of
  // styles and fonts, and the reader stays where they were.
  events.addEventListener("reload", function () {
    fetch(location.href, { cache: "no-store" }).then(function (response) {
      if (!response.ok && response.status !== 404) throw new Error("status " + response.status);
      return response.text();
    }).then(function (html) {
      var fresh = new DOMParser().parseFromString(html, "text/html");
      if (!swappable(fresh) || stylesheets(fresh) !== stylesheets(document)) {
        reload();
        return;
      }
      var again = scripts(fresh);
      var x = window.scrollX, y = window.scrollY;
      document.title = fresh.title;
      document.documentElement.lang = fresh.documentElement.lang;
      document.documentElement.dir = fresh.documentElement.dir;
      document.body.replaceWith(fresh.body);
      runAgain(again);
      window.scrollTo(x, y);
      hide();
    }).catch(reload);
  });
  events.addEventListener("css", function (e) {
    var moved = JSON.parse(e.data);
    document.querySelectorAll('link[rel="stylesheet"]').forEach(function (link) {
      var to = moved[new URL(link.href).pathname];
      if (to) link.href = to;
    });
    hide();
  });
  events.addEventListener("problems", function (e) { show(JSON.parse(e.data)); });
})();
