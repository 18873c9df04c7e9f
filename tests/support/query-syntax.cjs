// Parses each query of a file of JSON lines ({"language": "promql" | "traceql", "query": "..."}) with the lezer
// grammars of Prometheus's and Grafana's query editors; lezer recovers from errors by inserting error nodes, so a
// query parses when its tree has none. Run by query-syntax.sh, which sets NODE_PATH to the installed grammars.
'use strict';
const fs = require('fs');
const parsers = {
  promql: require('@prometheus-io/lezer-promql').parser,
  traceql: require('@grafana/lezer-traceql').parser,
};

let failed = 0;
const lines = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter((l) => l.trim() !== '');
for (const line of lines) {
  const { language, query } = JSON.parse(line);
  const parser = parsers[language];
  if (!parser) {
    console.log(`unknown language '${language}': ${query}`);
    failed++;
    continue;
  }
  const errors = [];
  parser.parse(query).iterate({
    enter: (node) => {
      if (node.type.isError) {
        errors.push(node.from);
      }
    },
  });
  if (errors.length > 0) {
    failed++;
    console.log(`${language} does not parse at ${errors.join(', ')}: ${query}`);
  }
}
console.log(`${lines.length} queries, ${failed} that do not parse`);
process.exit(failed > 0 ? 1 : 0);
