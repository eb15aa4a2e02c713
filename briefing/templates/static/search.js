// Search page: Pagefind's index, our own accessible markup. Without this script the page
// shows links to the archive and the index pages instead.
(async () => {
  const form = document.querySelector("[data-search]");
  if (!form) return;
  const status = document.querySelector("[data-search-status]");
  const results = document.querySelector("[data-search-results]");
  let pagefind;
  try {
    pagefind = await import(form.dataset.bundle + "pagefind.js");
    await pagefind.options({ excerptLength: 24 });
  } catch (error) {
    return; // No index (a build without search): keep the fallback links.
  }
  const filters = await pagefind.filters();
  for (const [name, select] of [["sector", form.sector], ["body", form.body]]) {
    for (const value of Object.keys(filters[name] || {}).sort()) {
      select.append(new Option(value, value));
    }
  }
  const params = new URLSearchParams(location.search);
  form.q.value = params.get("q") || "";
  form.sector.value = params.get("sector") || "";
  form.body.value = params.get("body") || "";

  const run = async () => {
    const query = form.q.value.trim();
    const chosen = {};
    if (form.sector.value) chosen.sector = form.sector.value;
    if (form.body.value) chosen.body = form.body.value;
    results.replaceChildren();
    if (!query && !Object.keys(chosen).length) {
      status.textContent = "";
      return;
    }
    const search = await pagefind.search(query || null, { filters: chosen });
    const found = await Promise.all(search.results.slice(0, 30).map((r) => r.data()));
    status.textContent = found.length
      ? `${search.results.length} result${search.results.length === 1 ? "" : "s"}`
      : "Nothing found. Try fewer words or another filter.";
    for (const data of found) {
      const item = document.createElement("li");
      item.className = "entry";
      const link = document.createElement("a");
      link.className = "entry-title";
      link.href = data.url;
      link.textContent = data.meta.title || data.url;
      const excerpt = document.createElement("p");
      excerpt.innerHTML = data.excerpt; // Pagefind escapes the text and adds <mark>.
      item.append(link, excerpt);
      results.append(item);
    }
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const query = new URLSearchParams(new FormData(form));
    history.replaceState(null, "", "?" + query.toString());
    run();
  });
  // Shown only once it works, so a submit never races the set-up.
  document.querySelector("[data-search-fallback]").hidden = true;
  form.hidden = false;
  run();
})();
