// Runs one browser job in Debian's Firefox ESR and prints what happened as JSON.
//
//   node tests/firefox/run.mjs '{"url": "file:///…/index.html", "steps": [...]}'
//
// Steps: {"fill": [selector, text]}, {"press": [selector, key]}, {"click": selector},
// {"wait": "js expression"}, {"eval": "js expression"} (its value is collected).
// Puppeteer's Firefox profile allows fetch() and module scripts from file://;
// a user's Firefox does not, so the strict file-origin policy is set back.
import puppeteer from "puppeteer-core";

const job = JSON.parse(process.argv[2]);

// A user scrolls to what they click and clicks it with the mouse. (Puppeteer's
// element click reports "not clickable" for form controls in Firefox ESR, and
// scrollIntoView() does not scroll there in headless mode; scrollTo() does.)
async function click(page, selector) {
  const element = await page.waitForSelector(selector);
  const box = await element.evaluate((e) => {
    const before = e.getBoundingClientRect();
    window.scrollTo({ top: window.scrollY + before.top - window.innerHeight / 2, behavior: "instant" });
    const r = e.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  });
  await page.mouse.click(box.x, box.y);
}

const browser = await puppeteer.launch({
  browser: "firefox",
  executablePath: process.env.PRAXISBOOK_FIREFOX || "/usr/bin/firefox-esr",
  headless: true,
  defaultViewport: { width: 1280, height: 900 },
  extraPrefsFirefox: {
    "security.fileuri.strict_origin_policy": true,
    "network.proxy.type": 0,
  },
});
const report = { requests: [], errors: [], values: [] };
try {
  const page = await browser.newPage();
  page.on("request", (request) => report.requests.push(request.url()));
  page.on("pageerror", (error) => report.errors.push(String(error)));
  page.on("console", (message) => {
    if (message.type() === "error") report.errors.push(message.text());
  });
  await page.goto(job.url, { waitUntil: "load" });
  for (const step of job.steps || []) {
    if (step.fill) await page.locator(step.fill[0]).fill(step.fill[1]);
    if (step.press) await (await page.waitForSelector(step.press[0])).press(step.press[1]);
    if (step.click) await click(page, step.click);
    if (step.wait) await page.waitForFunction(step.wait, { timeout: job.timeout || 20000 });
    if (step.eval) report.values.push(await page.evaluate(step.eval));
  }
} catch (error) {
  report.errors.push(`driver: ${error}`);
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(report));
