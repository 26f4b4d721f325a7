// The explorer page's own script, loaded as a file: the page's Content-Security-Policy allows no inline script.
// React, ReactDOM and GraphiQL are the UMD builds the page loads before it; the server puts the default query
// in the page's JSON block (#explorer-config). `?query=`, `?variables=` and `?operationName=` in the page's URL
// open that operation instead. Headers (an API key) are never persisted by the browser.
(() => {
  const config = JSON.parse(document.getElementById("explorer-config").textContent);
  const params = new URLSearchParams(window.location.search);
  const props = {
    // The page is served at the GraphQL endpoint itself.
    fetcher: window.GraphiQL.createFetcher({ url: window.location.pathname }),
    defaultQuery: config.defaultQuery,
    isHeadersEditorEnabled: true,
    shouldPersistHeaders: false,
  };
  for (const name of ["query", "variables", "operationName"]) {
    const value = params.get(name);
    if (value !== null) props[name] = value;
  }
  window.ReactDOM.createRoot(document.getElementById("graphiql")).render(window.React.createElement(window.GraphiQL, props));
})();
