/** Crossbench's own webpack plugins (used by webpack.config.js; unit-tested in test/build). */
const { WebpackError, Compilation, sources } = require("webpack");
const { renderHelpPage } = require("./help-page.cjs");
const { rewriteDevUrl } = require("./production-url.cjs");

/**
 * Text assets that carry the add-in's own URL. (help.html is the README, which mentions the local dev
 * server on purpose and links only relatively, so it is left as written.)
 */
const URL_CARRYING_ASSETS = ["manifest.xml", "functions.json"];

/**
 * Rewrites https://localhost:3000/ to ADDIN_URL in every URL-carrying asset (all occurrences), then
 * fails the build if "localhost" is still in the manifest or functions.json.
 */
class ProductionUrlPlugin {
  constructor(url) {
    this.url = url;
  }
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("ProductionUrlPlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "ProductionUrlPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_INLINE },
        (assets) => {
          for (const name of URL_CARRYING_ASSETS) {
            if (!assets[name]) continue;
            const { text, localhostLeft } = rewriteDevUrl(
              assets[name].source().toString(),
              this.url
            );
            compilation.updateAsset(name, new sources.RawSource(text));
            if (localhostLeft) {
              compilation.errors.push(
                new WebpackError(`${name} still contains "localhost" although ADDIN_URL is set`)
              );
            }
          }
        }
      );
    });
  }
}

/** Publishes the README as help.html so @helpurl links in functions.json resolve. */
class HelpPagePlugin {
  constructor(readmePath) {
    this.readmePath = readmePath;
  }
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("HelpPagePlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "HelpPagePlugin", stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          compilation.fileDependencies.add(this.readmePath);
          compilation.emitAsset(
            "help.html",
            new sources.RawSource(renderHelpPage(this.readmePath))
          );
        }
      );
    });
  }
}

module.exports = { ProductionUrlPlugin, HelpPagePlugin, URL_CARRYING_ASSETS };
