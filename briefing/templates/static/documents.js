// Documents index: filter the list by status, type, body, sector and year, and sort it by
// any of its dates. Without this script the form stays hidden and the whole list shows,
// newest first.
(() => {
  const form = document.querySelector("[data-doc-filter]");
  const list = document.querySelector("[data-doc-list]");
  const status = document.querySelector("[data-doc-count]");
  if (!form || !list || !status) return;
  const items = [...list.querySelectorAll("li")];
  const names = ["status", "type", "body", "sector", "year", "sort"];
  const text = JSON.parse(form.dataset.text);
  const plural = new Intl.PluralRules(document.documentElement.lang || "en");
  const numbers = new Intl.NumberFormat(document.documentElement.lang || "en");
  const params = new URLSearchParams(location.search);
  for (const name of names) {
    const value = params.get(name);
    if (value && [...form[name].options].some((option) => option.value === value)) {
      form[name].value = value;
    }
  }
  const has = (item, list, value) => !value || item.dataset[list].split(" ").includes(value);
  // "comment_until" -> dataset.commentUntil; "" is the date the list is ordered by.
  const dateKey = (name) => (name || "date").replace(/_(.)/g, (_, c) => c.toUpperCase());
  const sort = () => {
    const value = form.sort.value;
    const oldest = value.startsWith("-");
    const key = dateKey(value.replace(/^-/, ""));
    const ranked = items.map((item, index) => ({ item, index, day: item.dataset[key] || "" }));
    ranked.sort((a, b) => {
      if (!a.day !== !b.day) return a.day ? -1 : 1; // undated last, either way
      if (a.day === b.day) return a.index - b.index;
      return (a.day < b.day) === oldest ? -1 : 1;
    });
    for (const { item } of ranked) list.append(item);
  };
  const apply = () => {
    const chosen = Object.fromEntries(names.map((name) => [name, form[name].value]));
    let shown = 0;
    for (const item of items) {
      const match =
        (!chosen.status || item.dataset.status === chosen.status) &&
        (!chosen.type || item.dataset.type === chosen.type) &&
        has(item, "bodies", chosen.body) &&
        has(item, "sectors", chosen.sector) &&
        (!chosen.year || item.dataset.year === chosen.year);
      item.hidden = !match;
      if (match) shown += 1;
    }
    sort();
    // Interface text in the page's language, from the template: [one, other] forms.
    const forms = shown === items.length ? text.count : text.shown;
    const message = plural.select(shown) === "one" ? forms[0] : forms[1];
    status.textContent = message
      .replace("%(shown)s", numbers.format(shown))
      .replace("%(total)s", numbers.format(items.length));
    const query = new URLSearchParams();
    for (const name of names) {
      if (chosen[name]) query.set(name, chosen[name]);
    }
    const search = query.toString();
    history.replaceState(null, "", search ? `?${search}` : location.pathname);
  };
  form.addEventListener("change", apply);
  form.addEventListener("submit", (event) => event.preventDefault());
  form.hidden = false;
  apply();
})();
