// The exhibit viewer: opens a journey's photos large in a modal dialog. Keyboard (arrows, Home,
// End, Esc), swipe and buttons move through them; focus stays in the dialog and returns to the
// photo it was opened from; the position is announced. Without this script every photo is a
// link to its own page, so nothing depends on it.
(function () {
  "use strict";
  var list = document.querySelector("[data-viewer]");
  if (!list || typeof HTMLDialogElement !== "function") return;
  // A video or audio item opens its own page, where it plays.
  var items = Array.prototype.slice.call(list.querySelectorAll("li.photo:not([data-media])"));
  if (!items.length) return;
  var rtl = getComputedStyle(list).direction === "rtl";
  var current = 0;
  var opener = null;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }
  function button(cls, label) {
    var b = el("button", cls, label);
    b.type = "button";
    return b;
  }

  var dialog = el("dialog", "viewer");
  dialog.setAttribute("aria-label", list.dataset.viewerLabel || "");
  var status = el("p", "viewer-position");
  status.setAttribute("role", "status");
  var stage = el("div", "viewer-stage");
  var caption = el("div", "viewer-caption");
  var bar = el("div", "viewer-bar");
  var prev = button("viewer-previous", list.dataset.previous);
  var next = button("viewer-next", list.dataset.next);
  var close = button("viewer-close", list.dataset.close);
  bar.append(prev, next, close);
  dialog.append(status, stage, caption, bar);
  document.body.appendChild(dialog);

  function show(i) {
    current = Math.max(0, Math.min(items.length - 1, i));
    var item = items[current];
    var picture = item.querySelector("picture").cloneNode(true);
    picture.querySelectorAll("source, img").forEach(function (e) {
      e.setAttribute("sizes", "100vw");
    });
    var img = picture.querySelector("img");
    img.removeAttribute("loading");
    img.removeAttribute("class");
    stage.replaceChildren(picture);
    var figcaption = item.querySelector("figcaption").cloneNode(true);
    caption.replaceChildren.apply(caption, Array.prototype.slice.call(figcaption.childNodes));
    status.textContent = item.dataset.position;
    prev.disabled = current === 0;
    next.disabled = current === items.length - 1;
    if (document.activeElement && document.activeElement.disabled) close.focus();
  }

  function open(i, from) {
    opener = from;
    show(i);
    dialog.showModal();
    (next.disabled ? close : next).focus();
  }

  items.forEach(function (item, i) {
    var link = item.querySelector("a.photo-open");
    link.addEventListener("click", function (ev) {
      if (ev.button !== 0 || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey) return;
      ev.preventDefault();
      open(i, link);
    });
  });
  prev.addEventListener("click", function () { show(current - 1); });
  next.addEventListener("click", function () { show(current + 1); });
  close.addEventListener("click", function () { dialog.close(); });
  dialog.addEventListener("close", function () {
    stage.replaceChildren();
    if (opener) opener.focus();
  });
  dialog.addEventListener("keydown", function (ev) {
    var forward = rtl ? "ArrowLeft" : "ArrowRight";
    var back = rtl ? "ArrowRight" : "ArrowLeft";
    if (ev.key === forward) show(current + 1);
    else if (ev.key === back) show(current - 1);
    else if (ev.key === "Home") show(0);
    else if (ev.key === "End") show(items.length - 1);
    else if (ev.key === "Tab") {
      // Keep focus on the dialog's own controls.
      var controls = Array.prototype.filter.call(
        dialog.querySelectorAll("button, a[href]"),
        function (c) { return !c.disabled; }
      );
      var at = controls.indexOf(document.activeElement);
      var to = ev.shiftKey ? at - 1 : at + 1;
      if (to < 0) to = controls.length - 1;
      if (to >= controls.length) to = 0;
      controls[to].focus();
    } else return;
    ev.preventDefault();
  });
  // Swipe (touch, pen or mouse): a mostly horizontal stroke of 40 px or more.
  var startX = null, startY = 0;
  stage.addEventListener("dragstart", function (ev) { ev.preventDefault(); });
  stage.addEventListener("pointercancel", function () { startX = null; });
  stage.addEventListener("pointerdown", function (ev) { startX = ev.clientX; startY = ev.clientY; });
  stage.addEventListener("pointerup", function (ev) {
    if (startX === null) return;
    var dx = ev.clientX - startX, dy = ev.clientY - startY;
    startX = null;
    if (Math.abs(dx) < 40 || Math.abs(dx) < Math.abs(dy)) return;
    show(current + ((dx < 0) !== rtl ? 1 : -1));
  });
  // A click on the backdrop closes, as on every other modal.
  dialog.addEventListener("click", function (ev) {
    if (ev.target === dialog) dialog.close();
  });
})();
