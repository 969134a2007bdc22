// DAISY Ace on many books in one Node process and one Chromium: Ace's own command starts both for
// each book, which is half its time here. Ace's API (ace-core) is what its command calls.
//   node ace_batch.js NODE_MODULES OUTDIR BOOK...
// Prints one line per book, "ok" or "FAIL", and each violation; exits 1 when any book fails.
'use strict';
const fs = require('fs');
const path = require('path');

const [modules, outdir, ...books] = process.argv.slice(2);
const ace = require(path.join(modules, '@daisy/ace-core'));
const runner = require(path.join(modules, '@daisy/ace-axe-runner-puppeteer'));
require(path.join(modules, '@daisy/ace-logger')).initLogger({ verbose: false, silent: true });

// ace() launches and closes the browser for each book: here it is launched once, for all.
const shared = Object.assign({}, runner, { launch: async () => {}, close: async () => {} });

// A violation is any assertion that is not a pass; a report that checked no content document
// proves nothing.
function judge(report) {
    const violations = [];
    let docs = 0;
    for (const a of report.assertions || []) {
        const url = a['earl:testSubject'].url || '';
        if (/\.xhtml$/.test(url)) docs++;
        for (const x of a.assertions || [])
            if (x['earl:result']['earl:outcome'] !== 'pass')
                violations.push(`    ${url}: ${x['earl:test']['dct:title']} ` +
                                `(${x['earl:test']['earl:impact']}): ` +
                                `${x['earl:result']['dct:description']}`);
    }
    return { violations, docs };
}

(async () => {
    await runner.launch();
    let passed = 0, failed = 0;
    for (const [i, book] of books.entries()) {
        const out = path.join(outdir, String(i));
        try {
            await ace(book, { cwd: process.cwd(), outdir: out, jobId: '', silent: true }, shared);
        } catch (e) {
            console.log(`FAIL: Ace: ${book}: Ace did not run: ${e && e.message ? e.message : e}`);
            failed++;
            continue;
        }
        const { violations, docs } = judge(JSON.parse(fs.readFileSync(path.join(out, 'report.json'))));
        if (violations.length) {
            console.log(violations.join('\n'));
            console.log(`FAIL: Ace: ${book}: ${violations.length} violations`);
            failed++;
        } else if (docs === 0) {
            console.log(`FAIL: Ace: ${book}: the report checked no content document`);
            failed++;
        } else {
            console.log(`ok: Ace: ${book}: 0 violations in ${docs} content documents`);
            passed++;
        }
    }
    await runner.close();
    console.log(`Ace: ${passed} passed, ${failed} failed`);
    process.exit(failed || !passed ? 1 : 0);
})().catch(e => {
    console.error(e);
    process.exit(1);
});
