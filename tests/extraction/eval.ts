import { writeLabels } from "./corpus.ts";

// npm run eval:extraction [-- --build | --heldout]
const args = process.argv.slice(2);
if (args.includes("--build")) {
  const docs = writeLabels();
  console.log(`labels.json: ${docs.length} documents, ${docs.reduce((n, d) => n + d.attributions.length, 0)} attributions`);
} else {
  console.error("The extractor is not written yet: only --build is available.");
  process.exit(2);
}
