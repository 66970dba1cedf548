#!/usr/bin/env node
// The `deepforge` launcher. CommonJS and ES5-safe on purpose: it must run on any Node to be
// able to say what is wrong. DeepForge needs Node >= 22.12 (Langium's parser uses
// Object.groupBy); the project depends on the `node` package, which ships such a Node, so
// on an older system Node we re-run ourselves on that one.
'use strict';
var path = require('path');
var fs = require('fs');
var childProcess = require('child_process');

var MIN = [22, 12];
function supported(version) {
    var parts = version.replace(/^v/, '').split('.').map(Number);
    return parts[0] > MIN[0] || (parts[0] === MIN[0] && parts[1] >= MIN[1]);
}

var root = path.resolve(__dirname, '..');
if (!supported(process.version)) {
    var bundled = path.join(root, 'node_modules', 'node', 'bin', 'node');
    if (fs.existsSync(bundled) && !process.env.DEEPFORGE_REEXEC) {
        var child = childProcess.spawn(bundled, [__filename].concat(process.argv.slice(2)), {
            stdio: 'inherit',
            env: Object.assign({}, process.env, { DEEPFORGE_REEXEC: '1' })
        });
        // Pass signals on, so `kill -TERM` of this launcher stops a run as Ctrl-C does.
        ['SIGINT', 'SIGTERM', 'SIGHUP'].forEach(function (signal) {
            process.on(signal, function () { child.kill(signal); });
        });
        child.on('error', function (error) {
            process.stderr.write('deepforge: could not start ' + bundled + ': ' + error.message + '\n');
            process.exit(1);
        });
        child.on('exit', function (code, signal) {
            process.exit(code !== null ? code : 128 + (require('os').constants.signals[signal] || 1));
        });
        return;
    }
    process.stderr.write('deepforge: Node ' + process.version + ' is too old; DeepForge needs Node >= ' + MIN.join('.') + '.\n' +
        'Run `npm install` in ' + root + ' (it installs a suitable Node from the npm registry), or install Node 22 or newer.\n');
    process.exit(1);
}

var main = path.join(root, 'out', 'cli', 'main.js');
if (!fs.existsSync(main)) {
    process.stderr.write('deepforge: the project is not built yet. Run `npm run build` in ' + root + '.\n');
    process.exit(1);
}
import(require('url').pathToFileURL(main).href).then(function (m) { return m.main(process.argv); }).catch(function (error) {
    process.stderr.write('deepforge: internal error: ' + (error && error.stack || error) + '\n');
    process.exit(2);
});
