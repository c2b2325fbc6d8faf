/**
 * `npm run eval -- <stage>`: scores a stage against the gold in ../shared/data and prints the
 * baseline beside it. With no argument, every stage that has an evaluation.
 */
const EVALUATIONS: Record<string, () => Promise<{ evaluate: (args: string[]) => Promise<void> }>> = {
  boilerplate: () => import('./eval-boilerplate.js'),
  entities: () => import('./eval-entities.js'),
  dates: () => import('./eval-dates.js'),
  dedupe: () => import('./eval-dedupe.js'),
  language: () => import('./eval-language.js'),
  plaintext: () => import('./eval-plaintext.js'),
};

async function main(): Promise<void> {
  const [stage, ...rest] = process.argv.slice(2);
  const names = stage ? [stage] : Object.keys(EVALUATIONS);
  for (const name of names) {
    const load = EVALUATIONS[name];
    if (!load) {
      process.stderr.write(`no evaluation for "${name}"; available: ${Object.keys(EVALUATIONS).join(', ') || '(none yet)'}\n`);
      process.exitCode = 2;
      return;
    }
    process.stdout.write(`\n== ${name} ==\n`);
    await (await load()).evaluate(rest);
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
