// Oxigraph's SPARQL editor (Yasgui, served by Oxigraph itself) aimed at this server's /query,
// with every saved query as a tab. A link with #query=...&tabTitle=... opens that query.
"use strict";

const ENDPOINT = location.origin + "/query";

async function start() {
  // Yasqe would fetch prefixes and terms from the internet; only the local one stays.
  Yasgui.Yasqe.defaults.autocompleters = ["variables"];
  const yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: ENDPOINT, method: "POST" },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: { getData: () => [{ endpoint: ENDPOINT }], keys: [] },
  });
  const spec = await (await fetch("/api/openapi.json")).json();
  const open = new Set(yasgui.persistentConfig.getTabs().map((id) => yasgui.getTab(id).getName()));
  for (const item of Object.values(spec.paths)) {
    const op = item.get;
    if (open.has(op.operationId)) continue;
    yasgui.addTab(false, {
      ...Yasgui.Tab.getDefaults(),
      name: op.operationId,
      yasqe: { value: op["x-powkg-sparql"] },
      requestConfig: { ...yasgui.config.requestConfig, endpoint: ENDPOINT },
    });
  }
  window.powkgEditor = yasgui;
  document.body.dataset.readyMs = String(Math.round(performance.now()));  // for bench/workbench.py
}

start();
