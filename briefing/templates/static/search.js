// Search page: Pagefind's index, our own accessible markup. Results come as you type; the
// query and filters live in the URL. Without this script the page shows links instead.
(async () => {
  const form = document.querySelector("[data-search]");
  if (!form) return;
  const status = document.querySelector("[data-search-status]");
  const list = document.querySelector("[data-search-results]");
  const more = document.querySelector("[data-search-more]");
  const base = form.dataset.base;
  const FILTERS = ["kind", "sector", "body", "year"];
  // Interface text in the page's language, from the template (no catalogue in JavaScript).
  const TEXT = JSON.parse(form.dataset.text);
  const KINDS = TEXT.kinds;
  const plural = new Intl.PluralRules(document.documentElement.lang || "en");
  const numbers = new Intl.NumberFormat(document.documentElement.lang || "en");
  // A message with %(name)s placeholders; [one, other] forms are chosen by `count`.
  const say = (message, values) => {
    const forms = Array.isArray(message) ? message : [message, message];
    const chosen = plural.select(values.count ?? 2) === "one" ? forms[0] : forms[1];
    return chosen.replace(/%\((\w+)\)s/g, (_, name) =>
      name === "count" ? numbers.format(values.count) : values[name]);
  };
  const PAGE = 20; // results shown at a time
  const WAIT = 250; // ms of quiet typing before a search runs
  const options = { excerptLength: 30, ranking: { metaWeights: { title: 5, names: 1 } } };
  let pagefind;
  let shards;
  try {
    pagefind = await import(form.dataset.bundle + "pagefind.js");
    // Each bundle is indexed in shards of a year, newest first; shards.json names them,
    // the first in the bundle's own folder, the others in folders inside it. Chinese
    // titles are a bundle of their own language, segmented into words.
    shards = (await (await fetch(form.dataset.bundle + "shards.json")).json()).merge;
    const merge = async (folder, language) => {
      for (const [position, shard] of (shards[folder] || []).entries()) {
        const filter = { bundle: folder || "main", shard };
        const settings = { ...options, ...(language ? { language } : {}), mergeFilter: filter };
        const inside = position ? `${shard}/` : "";
        const path = form.dataset.bundle + (folder ? `${folder}/` : "") + inside;
        if (!folder && !position) await pagefind.options(settings);
        else await pagefind.mergeIndex(path, settings);
      }
    };
    await merge("", null);
    for (const merged of form.dataset.merge.split(" ").filter(Boolean)) {
      const [folder, language] = merged.split(":");
      await merge(folder, language);
    }
  } catch (error) {
    return; // No index (a build without search): keep the fallback links.
  }

  // Every name of every sector and body, normalised as the build normalised them.
  const normalise = (text) =>
    text.normalize("NFKC").toLowerCase().split(/[\s\-_]+/).filter(Boolean).join(" ");
  const terms = JSON.parse(form.dataset.terms);
  const named = new Map();
  for (const term of terms) {
    for (const name of term.names) named.set(name, [...(named.get(name) || []), term]);
  }
  const longestFirst = [...named.keys()].sort((a, b) => b.length - a.length);

  // A name standing alone between spaces (or the whole query) stands for its term; the
  // rest of the query is searched as text. A quoted query is only ever text.
  const recognise = (query) => {
    if (/^\s*".+"\s*$/.test(query)) return { found: [], text: query.trim() };
    let rest = ` ${normalise(query)} `;
    const found = [];
    for (const name of longestFirst) {
      while (rest.includes(` ${name} `)) {
        found.push(named.get(name));
        rest = rest.replace(` ${name} `, " ");
      }
    }
    return { found, text: rest.trim() };
  };

  const filters = await pagefind.filters();
  const fill = (select, values) => {
    for (const [value, label] of values) {
      if (filters[select.name]?.[value]) select.append(new Option(label, value));
    }
  };
  fill(form.sector, terms.filter((t) => t.taxonomy === "sectors").map((t) => [t.slug, t.name]));
  fill(form.body, terms.filter((t) => t.taxonomy === "bodies").map((t) => [t.slug, t.name]));
  const years = Object.keys(filters.year || {}).sort().reverse();
  fill(form.year, years.map((year) => [year, year]));
  for (const option of [...form.kind.options]) {
    if (option.value && !filters.kind?.[option.value]) option.remove();
  }

  const fromUrl = () => {
    const params = new URLSearchParams(location.search);
    form.q.value = params.get("q") || "";
    for (const name of FILTERS) form.elements[name].value = params.get(name) || "";
  };
  const toUrl = (push) => {
    const params = new URLSearchParams();
    if (form.q.value.trim()) params.set("q", form.q.value.trim());
    for (const name of FILTERS) if (form.elements[name].value) params.set(name, form.elements[name].value);
    const search = params.toString() ? `?${params}` : "";
    if (search === location.search) return;
    history[push ? "pushState" : "replaceState"](null, "", search || location.pathname);
  };

  let results = [];
  let shown = 0;
  let seen = new Set();
  let latest = 0;

  const describe = (found) =>
    found.map((group) => group.map((t) => (t.name === t.full_name ? t.name : `${t.name} (${t.full_name})`)).join(` ${TEXT.or} `)).join(` ${TEXT.and} `);

  const run = async (wait) => {
    const mine = ++latest;
    const query = form.q.value;
    const { found, text } = recognise(query);
    const chosen = {};
    for (const name of FILTERS) if (form.elements[name].value) chosen[name] = form.elements[name].value;
    if (found.length) chosen.all = found.map((group) => ({ any: group.map((t) => ({ names: t.key })) }));
    list.setAttribute("aria-busy", "true");
    if (!text && !Object.keys(chosen).length) {
      list.setAttribute("aria-busy", "false");
      results = [];
      list.replaceChildren();
      more.hidden = true;
      status.textContent = "";
      return;
    }
    const response = text ? await searchText(text, chosen, wait) : await newestFirst(chosen, wait);
    if (!response || mine !== latest) return; // a newer search took over
    results = response.results;
    shown = 0;
    seen = new Set();
    list.replaceChildren();
    const duplicates = await showMore(mine);
    if (mine !== latest) return;
    const count = results.length - duplicates;
    const message = !found.length ? TEXT.found : text ? TEXT.matching : TEXT.naming;
    status.textContent = count
      ? say(message, { count, names: found.length ? describe(found) : "", text })
      : TEXT.none;
    list.setAttribute("aria-busy", "false");
  };

  const searchText = (text, filters, wait) =>
    wait
      ? pagefind.debouncedSearch(text, { filters }, wait)
      : pagefind.search(text, { filters });

  // Each result once (from the site's language), newest first: merged shards come back
  // ordered by score, so each shard is listed on its own, newest shard first.
  const newestFirst = async (filters, wait) => {
    const mine = latest;
    if (wait) await new Promise((done) => setTimeout(done, wait));
    if (mine !== latest) return null;
    const lists = await Promise.all(
      shards[""].map((shard) =>
        pagefind.search(null, { filters: { ...filters, bundle: "main", shard }, sort: { date: "desc" } }),
      ),
    );
    return { results: lists.flatMap((list) => list.results) };
  };

  // Show the next page of results; returns how many were left out as already shown (a
  // page found both by its English text and by its Chinese title).
  const showMore = async (mine) => {
    const next = results.slice(shown, shown + PAGE);
    shown += next.length;
    const data = await Promise.all(next.map((result) => result.data()));
    if (mine !== latest) return 0;
    let duplicates = 0;
    for (const item of data) {
      const card = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(item.meta.card), (c) => c.charCodeAt(0))));
      if (seen.has(card.url)) {
        duplicates += 1;
        continue;
      }
      seen.add(card.url);
      list.append(entry(card, item.excerpt));
    }
    more.hidden = shown >= results.length;
    return duplicates;
  };

  const entry = (card, excerpt) => {
    const item = document.createElement("li");
    item.className = "entry";
    const facts = document.createElement("p");
    facts.className = "result-meta";
    facts.append(KINDS[card.kind] || card.kind);
    if (card.date) {
      const time = document.createElement("time");
      time.dateTime = card.date;
      time.textContent = card.when;
      facts.append(" · ", time);
    }
    if (card.issue) {
      const issue = document.createElement("a");
      issue.href = base + card.issue_url;
      issue.textContent = card.issue;
      facts.append(` · ${TEXT.in} `, issue);
    }
    const title = document.createElement("h2");
    title.className = "entry-title";
    const link = document.createElement("a");
    link.href = base + card.url;
    link.textContent = card.title;
    title.append(link);
    const text = document.createElement("p");
    text.className = "result-excerpt";
    text.innerHTML = excerpt; // Pagefind escapes the text and adds <mark>.
    item.append(title, facts, text);
    return item;
  };

  // A query typed anew is one step back in history, however many keys it took.
  let typing = false;
  form.q.addEventListener("input", () => {
    toUrl(!typing);
    typing = true;
    run(WAIT);
  });
  for (const name of FILTERS) {
    form.elements[name].addEventListener("change", () => {
      typing = false;
      toUrl(true);
      run(0);
    });
  }
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    typing = false;
    toUrl(true);
    run(0);
  });
  more.addEventListener("click", async () => {
    const first = list.children.length;
    await showMore(latest);
    list.children[first]?.querySelector("a")?.focus(); // keyboard users go on where they were
  });
  window.addEventListener("popstate", () => {
    typing = false;
    fromUrl();
    run(0);
  });

  // Shown only once it works, so typing never races the set-up.
  document.querySelector("[data-search-fallback]").hidden = true;
  form.hidden = false;
  fromUrl();
  run(0);
})();
