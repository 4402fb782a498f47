// Runs several Postman collections with newman in one node process (node starts once, not once
// per collection), each after a GET to MARKER_URL/<index> so that the recording server's log can
// be cut per collection; MARKER_URL/end comes last. Used by tst_sendequivalence.
// usage: node newman_each.js NEWMAN_MODULE_DIR WORKING_DIR MARKER_URL COLLECTION...
'use strict';
const http = require('http');
const [newmanDir, workingDir, markerUrl, ...files] = process.argv.slice(2);
const newman = require(newmanDir);

function mark(tag) {
    return new Promise((resolve) => {
        http.get(`${markerUrl}/${tag}`, (res) => {
            res.resume();
            res.on('end', resolve);
        }).on('error', resolve);
    });
}

// A run that has not finished after a minute is given up (the test then sees no requests for
// that collection and leaves it out).
function run(file) {
    return new Promise((resolve) => {
        const timer = setTimeout(() => {
            process.stderr.write(`${file}: newman did not finish within 60 s\n`);
            resolve();
        }, 60000);
        newman.run({
            collection: file,
            reporters: [],
            timeoutRequest: 10000,
            ignoreRedirects: true,
            workingDir,
        }, (err) => {
            clearTimeout(timer);
            if (err)
                process.stderr.write(`${file}: ${err.message}\n`);
            resolve();
        });
    });
}

(async () => {
    for (let i = 0; i < files.length; ++i) {
        await mark(i);
        await run(files[i]);
    }
    await mark('end');
    process.exit(0); // a run given up may still hold the event loop
})();
