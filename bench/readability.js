// bench/readability.js: readability.js with jsdom over saved pages, the extractor octavo's pages
// row is measured against. node bench/readability.js PAGE...: each page parsed by JSDOM (its
// charset sniffed from its bytes, as a browser does) and its article taken out by
// `new Readability(document).parse()`; prints how many pages gave an article. The modules come
// from $READABILITY_MODULES, by default bench/work/node_modules (bench/run.sh installs them).
"use strict";
const fs = require("fs");
const path = require("path");
const modules = process.env.READABILITY_MODULES || path.join(__dirname, "work", "node_modules");
const { JSDOM, VirtualConsole } = require(path.join(modules, "jsdom"));
const { Readability } = require(path.join(modules, "@mozilla/readability"));

let found = 0;
for (const file of process.argv.slice(2)) {
    // A quiet console: the pages' CSS and markup errors are not the bench's.
    const dom = new JSDOM(fs.readFileSync(file), {
        url: "https://example.org/" + path.basename(path.dirname(file)) + "/",
        virtualConsole: new VirtualConsole(),
    });
    const article = new Readability(dom.window.document).parse();
    if (article && article.textContent) found++;
    dom.window.close();
}
console.log(`${found} of ${process.argv.length - 2} pages gave an article`);
