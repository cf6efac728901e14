// Bundles every Scripts/*.js entry point into wwwroot/js/bundles/<name>.js (ES modules).
// Run by the LiveShopBundleScripts target in LiveShop.Client.csproj; by hand: `npm run build -- --minify`.
//   --minify     minify (Release builds)
//   --sourcemap  write linked source maps next to the bundles
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const scripts = join(here, 'Scripts');
const outdir = join(here, 'wwwroot', 'js', 'bundles');
const args = new Set(process.argv.slice(2));

const entryPoints = readdirSync(scripts)
    .filter(name => name.endsWith('.js'))
    .map(name => join(scripts, name));

// A dynamic import() becomes a chunk of its own under chunks/ (e.g. hls.js, loaded only for HLS playlists); the old
// chunks go first, since their names carry a content hash.
rmSync(join(outdir, 'chunks'), { recursive: true, force: true });

await build({
    entryPoints,
    outdir,
    bundle: true,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    format: 'esm',
    platform: 'browser',
    target: ['es2020'],
    minify: args.has('--minify'),
    sourcemap: args.has('--sourcemap') ? 'linked' : false,
    legalComments: 'eof',
    logLevel: 'warning',
});
console.log(`Bundled ${entryPoints.length} script(s) into ${outdir}`);
