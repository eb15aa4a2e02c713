// Documents index: filter the list by body, sector and year. Without this script the form
// stays hidden and the whole list shows.
(() => {
  const form = document.querySelector("[data-doc-filter]");
  const list = document.querySelector("[data-doc-list]");
  const status = document.querySelector("[data-doc-count]");
  if (!form || !list || !status) return;
  const items = [...list.querySelectorAll("li")];
  const params = new URLSearchParams(location.search);
  for (const name of ["body", "sector", "year"]) {
    const value = params.get(name);
    if (value && [...form[name].options].some((option) => option.value === value)) {
      form[name].value = value;
    }
  }
  const apply = () => {
    const body = form.body.value;
    const sector = form.sector.value;
    const year = form.year.value;
    let shown = 0;
    for (const item of items) {
      const match =
        (!body || item.dataset.bodies.split(" ").includes(body)) &&
        (!sector || item.dataset.sectors.split(" ").includes(sector)) &&
        (!year || item.dataset.year === year);
      item.hidden = !match;
      if (match) shown += 1;
    }
    const noun = shown === 1 ? "document" : "documents";
    status.textContent =
      shown === items.length ? `${shown} ${noun}` : `${shown} of ${items.length} ${noun} shown`;
    const query = new URLSearchParams();
    for (const [name, value] of [["body", body], ["sector", sector], ["year", year]]) {
      if (value) query.set(name, value);
    }
    const search = query.toString();
    history.replaceState(null, "", search ? `?${search}` : location.pathname);
  };
  form.addEventListener("change", apply);
  form.addEventListener("submit", (event) => event.preventDefault());
  form.hidden = false;
  apply();
})();
