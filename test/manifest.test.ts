// package.json against the code (cSpell-style): command, view, context-key, language and setting ids
// in the manifest must be the ones client/src/constants.ts and the server's settings mirror declare,
// defaults must agree, and the packaging facts (activation, engines, allow-list) must hold.

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CLIENT_SETTINGS, Commands, ContextKeys, DOCUMENT_LANGUAGES, ItemContext, LANGUAGE_ID, PALETTE_COMMANDS, SECTION, Views } from '../client/src/constants';
import { DEFAULT_SETTINGS, FINDING_CODES, SECTION as SERVER_SECTION } from '../server/src/lsp/settings';
import { SEMANTIC_TOKEN_MODIFIERS, SEMANTIC_TOKEN_TYPES } from '../shared/protocol';

const root = join(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const contributes = pkg.contributes;
const sorted = (xs: Iterable<string>) => [...xs].sort();

interface MenuItem {
  command: string;
  when?: string;
  group?: string;
}
const menuItems: MenuItem[] = Object.values(contributes.menus as Record<string, MenuItem[]>).flat();
const whenClauses: string[] = [...menuItems.map((m) => m.when ?? ''), ...contributes.viewsWelcome.map((w: { when?: string }) => w.when ?? '')];

test('manifest: commands are the client’s, each with the category, hidden from the palette when internal', () => {
  const declared: { command: string; title: string; category: string }[] = contributes.commands;
  assert.deepEqual(sorted(declared.map((c) => c.command)), sorted(Object.values(Commands)));
  for (const c of declared) {
    assert.equal(c.category, 'News Annotator', `${c.command} category`);
    assert.ok(c.title && !c.title.startsWith('News Annotator'), `${c.command} title does not repeat the category`);
  }
  const hidden = contributes.menus.commandPalette.filter((m: MenuItem) => m.when === 'false').map((m: MenuItem) => m.command);
  assert.deepEqual(sorted(hidden), sorted(Object.values(Commands).filter((c) => !PALETTE_COMMANDS.includes(c))));
  for (const m of menuItems) assert.ok(Object.values(Commands).includes(m.command as never), `menu item ${m.command} is a declared command`);
});

test('manifest: the view container and views are the client’s', () => {
  const containers = contributes.viewsContainers.activitybar;
  assert.deepEqual(containers.map((c: { id: string }) => c.id), [Views.container]);
  assert.ok(existsSync(join(root, containers[0].icon)), 'view container icon exists');
  const views: { id: string }[] = contributes.views[Views.container];
  const { container: _container, ...viewIds } = Views;
  assert.deepEqual(sorted(views.map((v) => v.id)), sorted(Object.values(viewIds)));
  for (const w of contributes.viewsWelcome) assert.ok(views.some((v) => v.id === w.view), `welcome content for ${w.view}`);
  for (const id of Object.values(viewIds)) assert.ok(contributes.viewsWelcome.some((w: { view: string }) => w.view === id), `${id} has welcome content`);
});

test('manifest: when clauses name only known context keys, views and item contexts', () => {
  const known = new Set<string>([...Object.values(ContextKeys), ...Object.values(Views)]);
  for (const when of whenClauses) {
    for (const [name] of when.matchAll(/newsAnnotator\.[A-Za-z.]+[A-Za-z]/g)) {
      assert.ok(known.has(name), `"${name}" in when clause "${when}" is a context key or view id of the client`);
    }
    for (const [, alternatives] of when.matchAll(/viewItem =~ \/\^\(([^)]*)\)\$\//g)) {
      for (const v of alternatives.split('|')) {
        const value = v.replace(/\\\./g, '.');
        assert.ok(Object.values(ItemContext).includes(value as never), `viewItem "${value}" is an ItemContext`);
      }
    }
  }
});

test('manifest: settings are the server’s settings plus the client’s, with the server’s defaults', () => {
  assert.equal(SECTION, SERVER_SECTION);
  const properties: Record<string, { default: unknown; scope?: string }> = contributes.configuration.properties;
  const serverKeys = Object.keys(DEFAULT_SETTINGS).map((k) => `${SECTION}.${k}`);
  const clientKeys = CLIENT_SETTINGS.map((k) => `${SECTION}.${k}`);
  assert.deepEqual(sorted(Object.keys(properties)), sorted([...serverKeys, ...clientKeys]));
  for (const [k, v] of Object.entries(DEFAULT_SETTINGS)) {
    assert.deepEqual(properties[`${SECTION}.${k}`].default, v, `default of ${SECTION}.${k}`);
  }
  const severity = (properties[`${SECTION}.severity`] as unknown as { properties: Record<string, unknown> }).properties;
  assert.deepEqual(sorted(Object.keys(severity)), sorted(FINDING_CODES));
  const restricted: string[] = pkg.capabilities.untrustedWorkspaces.restrictedConfigurations;
  for (const k of restricted) assert.ok(k in properties, `restricted ${k} is a setting`);
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
  assert.equal(pkg.capabilities.virtualWorkspaces.supported, false);
});

test('manifest: semantic token types and modifiers are the server legend’s, mapped to TextMate scopes', () => {
  assert.deepEqual(contributes.semanticTokenTypes.map((t: { id: string }) => t.id), [...SEMANTIC_TOKEN_TYPES]);
  assert.deepEqual(contributes.semanticTokenModifiers.map((t: { id: string }) => t.id), [...SEMANTIC_TOKEN_MODIFIERS]);
  const languages = contributes.semanticTokenScopes.map((s: { language: string }) => s.language);
  assert.deepEqual(sorted(languages), sorted(DOCUMENT_LANGUAGES));
  for (const s of contributes.semanticTokenScopes) assert.deepEqual(sorted(Object.keys(s.scopes)), sorted(SEMANTIC_TOKEN_TYPES));
});

test('manifest: the news language, its grammar and editor defaults', () => {
  const lang = contributes.languages.find((l: { id: string }) => l.id === LANGUAGE_ID);
  assert.ok(lang, 'news language declared');
  assert.deepEqual(lang.extensions, ['.news']);
  const config = JSON.parse(readFileSync(join(root, lang.configuration), 'utf8'));
  new RegExp(config.wordPattern.pattern, config.wordPattern.flags + 'g');
  const grammar = contributes.grammars.find((g: { language: string }) => g.language === LANGUAGE_ID);
  assert.equal(JSON.parse(readFileSync(join(root, grammar.path), 'utf8')).scopeName, grammar.scopeName);
  for (const language of DOCUMENT_LANGUAGES) {
    const d = contributes.configurationDefaults[`[${language}]`];
    assert.equal(d['editor.wordWrap'], 'on');
    assert.equal(d['editor.unicodeHighlight.ambiguousCharacters'], false);
  }
});

test('manifest: activation is by language and view, never "*"', () => {
  const events: string[] = pkg.activationEvents;
  assert.ok(!events.includes('*'));
  for (const language of DOCUMENT_LANGUAGES) assert.ok(events.includes(`onLanguage:${language}`));
  const { container: _container, ...viewIds } = Views;
  for (const id of Object.values(viewIds)) assert.ok(events.includes(`onView:${id}`));
});

test('packaging: engines.vscode and @types/vscode agree, the allow-list ships what main needs', () => {
  const engine = /^\^(\d+\.\d+\.\d+)$/.exec(pkg.engines.vscode);
  assert.ok(engine, 'engines.vscode is a caret range');
  assert.equal(pkg.devDependencies['@types/vscode'], engine[1], '@types/vscode is pinned to the engine’s minimum');
  const installed = JSON.parse(readFileSync(join(root, 'node_modules/@types/vscode/package.json'), 'utf8')).version;
  assert.equal(installed, engine[1]);
  assert.equal(pkg.main, './dist/client.js');
  const ignore = readFileSync(join(root, '.vscodeignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  assert.equal(ignore[0], '**', '.vscodeignore starts by ignoring everything (an allow-list)');
  for (const needed of ['package.json', 'dist/client.js', 'dist/server.js', 'syntaxes/**', 'language-configuration.json', 'media/**', 'README.md', 'LICENSE']) {
    assert.ok(ignore.includes(`!${needed}`), `.vscodeignore re-includes ${needed}`);
  }
  assert.ok(pkg.repository?.url && pkg.homepage, 'repository and homepage');
});

test('client code names ids only through client/src/constants.ts', () => {
  const dir = join(root, 'client/src');
  const files = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(d, e.name)) : e.name.endsWith('.ts') ? [join(d, e.name)] : []));
  for (const f of files(dir)) {
    if (f.endsWith('constants.ts')) continue;
    const code = readFileSync(f, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '');
    const literal = /['"`]newsAnnotator[./]/.exec(code);
    assert.equal(literal, null, `${f} spells an id; import it from constants.ts`);
  }
});
