/// The workbench's stylesheet and its one script, served at `/static/siftwire.css` (the CSP allows no inline style).
enum Stylesheet {
    static let css = """
    :root { --ink: #1b1f23; --muted: #555d66; --line: #d0d7de; --accent: #0b5394; --bg: #ffffff; --soft: #f3f5f7; }
    * { box-sizing: border-box; }
    body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
    header { background: #12263a; color: #fff; }
    header nav { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; padding: .5rem 1rem; max-width: 72rem; margin: 0 auto; }
    header a { color: #fff; text-decoration: none; }
    header a:hover, header a:focus { text-decoration: underline; }
    header .brand { font-weight: 700; font-size: 1.1rem; }
    header .who { margin-left: auto; color: #dbe6f0; }
    header form { display: inline-flex; gap: .25rem; margin: 0; }
    main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
    h1 { font-size: 1.6rem; margin: .5rem 0; }
    h2 { font-size: 1.2rem; margin: 1.5rem 0 .5rem; border-bottom: 1px solid var(--line); }
    a { color: var(--accent); }
    input, select, button { font: inherit; padding: .3rem .5rem; border: 1px solid #8c959f; border-radius: 4px; }
    button { background: var(--accent); color: #fff; border-color: var(--accent); cursor: pointer; }
    form.search, form.login, .curate form { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; margin: .5rem 0 1rem; }
    form.login { flex-direction: column; align-items: stretch; max-width: 20rem; }
    .field { display: flex; flex-direction: column; }
    .field label, form label { font-size: .85rem; color: var(--muted); }
    .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
    .meta, .total { color: var(--muted); }
    .error { color: #a40e26; background: #fff0f0; padding: .5rem; border-left: 4px solid #a40e26; }
    .notice { background: #eef7ee; padding: .5rem; border-left: 4px solid #2f7d32; }
    .expansions { background: var(--soft); padding: .25rem 1rem; border-radius: 6px; }
    .expansions .term { font-weight: 600; }
    .results { display: grid; grid-template-columns: minmax(0, 1fr) 17rem; gap: 1.5rem; align-items: start; }
    @media (max-width: 50rem) { .results { grid-template-columns: 1fr; } }
    .facets { background: var(--soft); border-radius: 6px; padding: .25rem .75rem .75rem; font-size: .9rem; }
    .facets h2 { font-size: 1rem; margin: .75rem 0 .25rem; }
    .facets ul { list-style: none; padding: 0; margin: 0; }
    .facets li { display: flex; justify-content: space-between; gap: .5rem; }
    .facets li a, .facets li strong { overflow-wrap: anywhere; min-width: 0; }
    .facets .count { color: var(--muted); font-variant-numeric: tabular-nums; }
    .facets .active, .facets .clear { font-size: .85rem; }
    .facet-note { color: var(--muted); font-size: .8rem; margin: .25rem 0 0; }
    svg.histogram { background: none; border: none; }
    svg.histogram .bar { fill: #3d7ab8; }
    svg.histogram a:hover .bar, svg.histogram a:focus .bar { fill: #0b3d6e; }
    .hits { padding-left: 1.5rem; }
    .hit h3 { margin: .75rem 0 0; font-size: 1.05rem; }
    .hit p { margin: .1rem 0; }
    mark { background: #fff3b0; color: inherit; }
    mark.date { background: #e3eefc; }
    .claim { background: #f6f0fb; border-bottom: 1px dotted #6a3d9a; }
    .claim:target { background: #eadcf7; }
    .legend { font-size: .85rem; color: var(--muted); }
    .legend .mention-key { border-bottom: 2px solid #6a3d9a; }
    .doc-claims li { margin: .2rem 0; }
    table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
    th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
    td.num { text-align: right; font-variant-numeric: tabular-nums; }
    table.facts { width: auto; }
    .badge { font-size: .8rem; padding: .1rem .4rem; border-radius: 4px; background: var(--soft); color: var(--muted); vertical-align: middle; }
    .doctext { white-space: pre-wrap; background: var(--soft); padding: 1rem; border-radius: 6px; max-width: 50rem; }
    a.mention { text-decoration: none; border-bottom: 2px solid; padding: 0 1px; }
    a.mention.type-person { border-color: #b35900; }
    a.mention.type-org { border-color: #6a3d9a; }
    a.mention.type-location { border-color: #1f7a1f; }
    a.mention.type-norp { border-color: #0b5394; }
    svg { width: 100%; height: auto; background: #fbfcfd; border: 1px solid var(--line); border-radius: 6px; }
    svg.timeline { max-width: 720px; }
    svg.graph { max-width: 720px; }
    svg .bar { fill: #3d7ab8; }
    svg .bar:hover { fill: #0b3d6e; }
    svg .axis { stroke: #8c959f; }
    svg .tick { font-size: 10px; fill: var(--muted); }
    svg .edge { stroke: #9aa7b4; stroke-opacity: .7; }
    svg .label { font-size: 11px; fill: var(--ink); }
    svg circle { stroke: #fff; stroke-width: 1.5; }
    svg .node-person { fill: #d9822b; }
    svg .node-org { fill: #8e6cc0; }
    svg .node-location { fill: #3f9b3f; }
    svg .node-norp { fill: #3d7ab8; }
    svg circle.center { stroke: #12263a; stroke-width: 3; }
    svg a:hover circle, svg a:focus circle { stroke: #12263a; }
    .pager { display: flex; gap: 1rem; }
    """

    /// The watch page's live alerts: an EventSource on /watch/events adds each alert to the list as
    /// it arrives (text set with textContent: nothing from an alert is parsed as HTML). Without
    /// JavaScript the page refreshes itself instead.
    static let watchScript = """
    "use strict";
    (function () {
      const list = document.getElementById("alerts-live");
      const status = document.getElementById("live-status");
      if (!list || !window.EventSource) { return; }
      const source = new EventSource("/watch/events");
      source.addEventListener("open", function () { status.textContent = "Live: alerts appear here as they arrive."; });
      source.addEventListener("error", function () { status.textContent = "Live updates interrupted; retrying."; });
      source.addEventListener("alert", function (event) {
        const alert = JSON.parse(event.data);
        const item = document.createElement("li");
        item.className = "alert live";
        const watch = document.createElement("strong");
        watch.textContent = alert.watch;
        const link = document.createElement("a");
        link.href = "/doc/" + encodeURIComponent(alert.document.id);
        link.textContent = alert.document.title || alert.document.id;
        item.append(watch, ": ", link, " · " + [alert.document.date, "matched " + alert.matched].filter(Boolean).join(" · "));
        list.prepend(item);
      });
    })();
    """
}
