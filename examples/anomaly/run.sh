#!/bin/sh
# Anomaly detection on simulated machine vibration, end to end:
#   1. simulate healthy training/validation machines and held-out test machines with six faults,
#   2. train a dense autoencoder on the healthy training windows' features,
#   3. score validation and test windows through Mote's interpreter: threshold, ROC AUC, detection rates.
# Usage: examples/anomaly/run.sh [OUT]   (default OUT: runs/anomaly; the data set is reused if present)
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-runs/anomaly}
mote="$root/mote"

if [ ! -f "$out/data/manifest.json" ]; then
    "$mote" data synth-vibration --out "$out/data" --seed 1
fi
"$mote" train --model "$root/examples/anomaly/autoencoder.json" --data "$out/data" --out "$out/model" --seed 1
"$mote" eval "$out/model/model.tflite" --data "$out/data" --anomaly --percentile 99
"$mote" eval "$out/model/model.tflite" --data "$out/data" --anomaly --percentile 99 --json > "$out/eval.json"
echo "results: $out/eval.json"
