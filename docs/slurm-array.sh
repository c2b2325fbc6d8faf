#!/usr/bin/env bash
# news-etl on a Slurm job array: one array task per shard. Slurm sets SLURM_ARRAY_TASK_ID,
# SLURM_ARRAY_TASK_MIN and SLURM_ARRAY_TASK_COUNT, from which news-etl derives `--shard I/N`.
#
#   jobid=$(sbatch --parsable docs/slurm-array.sh)
#   sbatch --dependency=afterok:$jobid --wrap "bin/news-etl dedupe --global -o /shared/news/out"
#
#SBATCH --job-name=news-etl
#SBATCH --array=0-7
#SBATCH --cpus-per-task=2
#SBATCH --mem=4G
#SBATCH --time=02:00:00
#SBATCH --output=logs/news-etl-%A_%a.jsonl
set -euo pipefail
cd "${NEWS_ETL_HOME:-$HOME/news-etl}"
# Exit 4 (finished with rejects) is not a failure of the task.
bin/news-etl run \
  --input /shared/news/in --output /shared/news/out \
  --concurrency "${SLURM_CPUS_PER_TASK:-1}" --log-format json --rejects-exit-code 0
