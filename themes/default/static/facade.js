// Click-to-play for videos hosted elsewhere. The page shows the poster, linked to the video;
// nothing is requested from the video site until the visitor presses play, when the player
// is loaded in place from the privacy-enhanced address passage wrote in data-player. Without
// this script the poster stays a plain link to the video.
for (const figure of document.querySelectorAll('figure.facade[data-player]')) {
  const link = figure.querySelector('a.facade-link');
  if (!link) continue;
  link.addEventListener('click', event => {
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    const img = link.querySelector('img');
    const frame = document.createElement('iframe');
    frame.src = figure.dataset.player;
    frame.title = img ? img.alt : '';
    frame.allow = 'autoplay; encrypted-media; picture-in-picture; fullscreen';
    frame.allowFullscreen = true;
    // The site sends no referrer, but YouTube's player refuses to start without one.
    frame.referrerPolicy = 'strict-origin-when-cross-origin';
    frame.className = 'facade-player';
    if (img && img.naturalWidth) frame.style.aspectRatio = `${img.naturalWidth} / ${img.naturalHeight}`;
    link.replaceWith(frame);
    frame.focus();
  });
}
