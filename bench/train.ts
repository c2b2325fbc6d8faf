/**
 * `npm run train -- <stage>`: trains a stage's model from ../shared/data and writes it into the
 * repository (the model file is committed; nothing is trained or downloaded at run time).
 */
const TRAINERS: Record<string, () => Promise<{ train: (args: string[]) => Promise<void> }>> = {
  boilerplate: () => import('./train-boilerplate.js'),
  entities: () => import('./train-entities.js'),
};

async function main(): Promise<void> {
  const [stage, ...rest] = process.argv.slice(2);
  const load = stage ? TRAINERS[stage] : undefined;
  if (!load) {
    process.stderr.write(`usage: npm run train -- STAGE; stages with a model: ${Object.keys(TRAINERS).join(', ') || '(none yet)'}\n`);
    process.exitCode = 2;
    return;
  }
  await (await load()).train(rest);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
