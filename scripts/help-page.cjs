/**
 * Renders README.md as dist/help.html, the page custom functions' @helpurl links point to.
 * Heading ids follow GitHub's rule ("### BENCH.ROI" -> "benchroi"), so README links and help links agree.
 */
const fs = require("fs");

function githubHeadingId(text) {
  return text
    .toLowerCase()
    .replace(/<[^>]+>/g, "")
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .trim()
    .replace(/\s/g, "-");
}

function renderHelpPage(readmePath) {
  // Loaded on use: marked is ESM, which Node 20 can require but jest cannot.
  const { Marked } = require("marked");
  const markdown = fs.readFileSync(readmePath, "utf8");
  const marked = new Marked({
    renderer: {
      heading({ tokens, depth, text }) {
        return `<h${depth} id="${githubHeadingId(text)}">${this.parser.parseInline(tokens)}</h${depth}>\n`;
      },
      // README HTML is ours, but render it as text anyway: the help page carries no scripts.
      html({ text }) {
        return text.replace(/[&<>]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[c]);
      },
    },
  });
  const body = marked.parse(markdown);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; img-src 'self' data:; style-src 'unsafe-inline'">
<title>Crossbench help</title>
<style>body{font-family:"Segoe UI",system-ui,sans-serif;max-width:860px;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1b1b1b}code,pre{background:#f3f3f3;border-radius:4px}pre{padding:.75rem;overflow:auto}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .5rem}img{max-width:100%}</style>
</head><body>
${body}
</body></html>
`;
}

module.exports = { renderHelpPage, githubHeadingId };
