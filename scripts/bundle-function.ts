// `npm run bundle-function`: rewrites src/cloudWatchCsv/bundle.ts from the function's sources.
import { writeFileSync } from "node:fs";
import { BUNDLE_FILE, functionBundleText } from "./functionBundle";

void functionBundleText().then((text) => {
    writeFileSync(BUNDLE_FILE, text);
    console.log(`wrote ${BUNDLE_FILE} (${text.length} characters)`);
});
