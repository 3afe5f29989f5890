// Parses a Mermaid file with the real Mermaid parser (in jsdom): prints OK or FAIL, exit 1 on FAIL.
// Used by tests/erd.rs when tests/mermaid/node_modules exists (npm ci in this folder).
import { JSDOM } from 'jsdom';
import fs from 'fs';
const dom = new JSDOM('<!DOCTYPE html><body></body>');
globalThis.window = dom.window; globalThis.document = dom.window.document;
try { globalThis.navigator = dom.window.navigator; } catch (e) {}
globalThis.DOMParser = dom.window.DOMParser; globalThis.Element = dom.window.Element;
const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false });
const text = fs.readFileSync(process.argv[2], 'utf8');
try { const r = await mermaid.parse(text); console.log('OK', JSON.stringify(r)); }
catch (e) { console.log('FAIL', e.message); process.exit(1); }
