// Checks permdocs' HTML files in one headless Chromium: axe-core's WCAG 2.2 AA
// rules, and reflow at a 320 CSS px wide window (WCAG 1.4.10).
//
//   node tools/axe/check.mjs [--screenshots DIR] FILE.html ...
//   node tools/axe/check.mjs [--screenshots DIR] < NAMES   (a file's name a line)
//
// Prints one JSON object: the versions used, and for each file its axe
// violations and what sticks out past 320 px. tests/test_html_accessibility.py
// runs it and reads that; it never fails on a finding itself.

import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { pathToFileURL } from "node:url";

import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const AXE_SOURCE = await readFile(require.resolve("axe-core/axe.min.js"), "utf-8");
const AXE_VERSION = require("axe-core/package.json").version;

// The WCAG 2.2 AA rule set: every axe rule tagged with a level A or AA
// success criterion of WCAG 2.0, 2.1 or 2.2.
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const DESKTOP = { width: 1280, height: 900 };
// WCAG 1.4.10: content reflows at 320 CSS px (1280 px at 400% zoom).
const NARROW = { width: 320, height: 640 };

// This machine has no network: without these, Chromium keeps trying to reach
// Google's services and stalls on the refused connections.
const CHROMIUM_FLAGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

function parseArguments(argv) {
  const files = [];
  let screenshots = null;
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === "--screenshots") {
      screenshots = argv[i + 1];
      i += 1;
    } else {
      files.push(argv[i]);
    }
  }
  return { files, screenshots };
}

// Runs in the page, at 320 px: the page's width, and the elements whose right
// edge passes the window (the page's width is what the test judges; the
// elements say where to look). Left out is what sits inside a table, or in a
// box that scrolls on its own: a data table may scroll in its own wrapper,
// as WCAG 1.4.10 allows.
function measureReflow() {
  const limit = document.documentElement.clientWidth;
  const describe = (element) => {
    const id = element.id ? `#${element.id}` : "";
    const classes = [...element.classList].map((name) => `.${name}`).join("");
    return `${element.tagName.toLowerCase()}${id}${classes}`;
  };
  const overflowing = [];
  // Inside a box that clips or scrolls what overflows it (a table's
  // wrapper), nothing widens the page.
  const clipped = (element) => {
    for (let box = element.parentElement; box && box !== document.body; box = box.parentElement) {
      if (getComputedStyle(box).overflowX !== "visible") return true;
    }
    return false;
  };
  for (const element of document.body.querySelectorAll("*")) {
    if (element.closest("table") || clipped(element)) continue;
    const box = element.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    if (box.right > limit + 1) {
      // Name the outermost element only: its children stick out with it.
      const parent = element.parentElement;
      const parentBox = parent ? parent.getBoundingClientRect() : null;
      if (!parentBox || parentBox.right <= limit + 1 || parent === document.body) {
        overflowing.push(`${describe(element)} (${Math.round(box.right)} px)`);
      }
    }
  }
  return {
    scrollWidth: document.documentElement.scrollWidth,
    windowWidth: limit,
    overflowing: overflowing.slice(0, 10),
  };
}

async function checkFile(context, file, screenshots) {
  const page = await context.newPage();
  try {
    await page.setViewportSize(DESKTOP);
    await page.goto(pathToFileURL(path.resolve(file)).href, { waitUntil: "load" });
    const results = await page.evaluate(async (tags) => {
      // By rule, not by tag: so the rules axe still calls experimental (a
      // data table's cells without headers, a caption faked in a cell) run too.
      const rules = window.axe.getRules(tags).map((rule) => rule.ruleId);
      const found = await window.axe.run(document, { runOnly: { type: "rule", values: rules }, resultTypes: ["violations"] });
      return found.violations.map((rule) => ({
        id: rule.id,
        impact: rule.impact,
        help: rule.help,
        helpUrl: rule.helpUrl,
        nodes: rule.nodes.map((node) => ({ target: node.target.join(" "), summary: node.failureSummary })),
      }));
    }, WCAG_TAGS);
    await page.setViewportSize(NARROW);
    const reflow = await page.evaluate(measureReflow);
    if (screenshots) {
      const name = path.basename(file).replace(/\.html$/, ".png");
      await page.screenshot({ path: path.join(screenshots, name), fullPage: true });
    }
    return { file, violations: results, reflow };
  } finally {
    await page.close();
  }
}

async function main() {
  const { files, screenshots } = parseArguments(process.argv.slice(2));
  if (screenshots) await mkdir(screenshots, { recursive: true });
  // A new, empty profile: nothing from an earlier run (or a person's browser) counts.
  const profile = await mkdtemp(path.join(os.tmpdir(), "permdocs-axe-"));
  const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: DESKTOP,
    offline: true,
  });
  // Into every page as the browser opens it, which the page's own
  // Content-Security-Policy (no scripts at all) does not govern.
  await browser.addInitScript(AXE_SOURCE);
  try {
    // The files named, or else one per line of standard input, checked as
    // they come: the test writes them while the browser starts and works.
    const names = files.length ? files.values() : readline.createInterface({ input: process.stdin })[Symbol.asyncIterator]();
    const checked = [];
    // Two pages at a time: one browser, and the machine's two cores kept busy.
    const workers = Array.from({ length: 2 }, async () => {
      for (let next = await names.next(); !next.done; next = await names.next()) {
        if (next.value.trim()) checked.push(await checkFile(browser, next.value.trim(), screenshots));
      }
    });
    await Promise.all(workers);
    checked.sort((a, b) => a.file.localeCompare(b.file));
    const version = browser.browser() ? browser.browser().version() : "";
    process.stdout.write(JSON.stringify({ axe: AXE_VERSION, chromium: version, files: checked }));
  } finally {
    await browser.close();
    await rm(profile, { recursive: true, force: true });
  }
}

await main();
