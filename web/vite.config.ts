import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// `npm run build` writes dist/: index.html and assets/<name>-<hash>.js|css, which the API server serves at / (see
// src/http/reader.ts in the repository root); the manifest lets a test find the JavaScript each page loads.
// `npm run dev` serves the reader with hot reload and sends /graphql to the API on port 4000.
export default defineConfig({
  plugins: [react()],
  build: {
    target: "es2022",
    manifest: true,
    // Every browser that runs ES2022 modules supports modulepreload.
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
  server: {
    proxy: { "/graphql": process.env.CLAIMGRAPH_API ?? "http://localhost:4000" },
  },
});
