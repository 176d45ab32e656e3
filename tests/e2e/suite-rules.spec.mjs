// Rules the browser suite keeps, checked on its own source so that a new test
// cannot quietly break them.
import { readFileSync, readdirSync } from 'node:fs';
import { test, expect } from './support/fixtures.mjs';

const specs = readdirSync('tests/e2e')
  .filter((name) => name.endsWith('.mjs'))
  .map((name) => ({ name, source: readFileSync(`tests/e2e/${name}`, 'utf8') }));

test('every page a test opens is watched: no spec opens a browser context of its own', () => {
  // Pages in the fixture's context (second tabs included) are watched by the
  // pageProblems fixture; a fresh context must come from freshContext().
  const offenders = specs.filter(({ source }) => /\bbrowser\s*\.\s*new(Context|Page)\s*\(/.test(source)).map(({ name }) => name);
  expect(offenders).toEqual([]);
});

test('no test allows every 404: allowances name the documents that are meant to be missing', () => {
  const offenders = specs.filter(({ source }) => /allowedProblems:\s*\/[^/]*404/.test(source)).map(({ name }) => name);
  expect(offenders).toEqual([]);
});

test('no test waits a fixed time for something to happen', () => {
  const offenders = specs.filter(({ source }) => /waitForTimeout\s*\(/.test(source)).map(({ name }) => name);
  expect(offenders).toEqual([]);
});
