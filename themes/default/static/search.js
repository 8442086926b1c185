// The search page: asks Pagefind's index of this page's language and lists what it finds,
// with the words found marked, the date and, for exhibit photos, a small picture. Loaded only
// by the search page; without it the page points to the stories and tags instead.
const root = document.getElementById("search");
const form = root && root.querySelector("form");
const input = form && form.querySelector("input[type=search]");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const lang = document.documentElement.lang;
const plural = new Intl.PluralRules(lang);
// Shown at first; a query's results are fetched as they are shown.
const SHOWN = 20;
// Marks that Armenian writes inside words (՞ ՜ ՛) and quotation marks of every language: the
// index has none of them, so neither may a query.
const MARKS = /[\u055B\u055C\u055E]/g;
const QUOTES = /[«»„“”‘’‚‹›"']/g;

let latest = 0;

function count(n) {
  const d = root.dataset;
  const text = d["results" + cap(plural.select(n))] || d.resultsOther || String(n);
  return text.replace("{count}", n.toLocaleString(lang));
}
function cap(s) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text) e.textContent = text;
  return e;
}

let loading = null;
function load() {
  loading = loading || (async () => {
    const pf = await import(root.dataset.pagefind);
    await pf.options({ excerptLength: 24 });
    await pf.init();
    return pf;
  })().catch((e) => {
    loading = null; // a later query tries again (the connection may be back)
    throw e;
  });
  return loading;
}

function result(data) {
  const li = el("li", "search-result");
  if (data.meta.image) {
    const img = el("img", "search-thumb");
    img.src = data.meta.image;
    img.alt = data.meta.image_alt || "";
    img.loading = "lazy";
    img.width = 96;
    img.height = 72;
    li.append(img);
  }
  const body = el("div", "search-body");
  const h = el("h2", "search-title");
  const a = el("a", null, data.meta.title || data.url);
  a.href = data.url;
  h.append(a);
  body.append(h);
  if (data.meta.date) body.append(el("p", "search-date", data.meta.date));
  const excerpt = el("p", "search-excerpt");
  // Pagefind escapes the page's text; only its <mark> elements are markup.
  excerpt.innerHTML = data.excerpt;
  body.append(excerpt);
  li.append(body);
  return li;
}

async function run() {
  const query = input.value.replace(MARKS, "").replace(QUOTES, " ").trim();
  const chosen = form.querySelector("input[name=type]:checked").value;
  const type = chosen === "all" ? "" : chosen;
  const mine = ++latest;
  const url = new URL(location.href);
  if (query) url.searchParams.set("q", input.value);
  else url.searchParams.delete("q");
  if (type) url.searchParams.set("type", type);
  else url.searchParams.delete("type");
  history.replaceState(null, "", url);
  if (!query) {
    list.replaceChildren();
    status.textContent = "";
    return;
  }
  status.textContent = root.dataset.searching;
  try {
    const pf = await load();
    const found = await pf.search(query, type ? { filters: { type: type } } : {});
    const data = await Promise.all(found.results.slice(0, SHOWN).map((r) => r.data()));
    if (mine !== latest) return; // a newer query is on its way
    list.replaceChildren(...data.map(result));
    status.textContent = found.results.length ? count(found.results.length) : root.dataset.none;
  } catch (e) {
    if (mine === latest) status.textContent = root.dataset.unavailable;
  }
}

if (form && input && status && list) {
  // Readers come here to search: the index's script and WebAssembly are fetched at once, so a
  // query on a slow connection only waits for its own small pieces of the index.
  load().catch(() => {});
  let timer = 0;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(run, 250);
  });
  form.addEventListener("change", (e) => {
    if (e.target.name === "type") run();
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    clearTimeout(timer);
    run();
  });
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  const type = form.querySelector(`input[name=type][value="${CSS.escape(params.get("type") || "all")}"]`);
  if (type) type.checked = true;
  if (input.value) run();
}
