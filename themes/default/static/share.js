// The system share sheet, where the browser has one (most phones): the plain share links
// beside it work without this script and without any request to those sites.
(() => {
  const button = document.querySelector("[data-share-url]");
  if (!button || typeof navigator.share !== "function") return;
  button.parentElement.hidden = false;
  button.addEventListener("click", () => {
    navigator
      .share({ title: button.dataset.shareTitle, url: button.dataset.shareUrl })
      .catch(() => {});
  });
})();
