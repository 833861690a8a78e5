#!/usr/bin/env bash
# Keyword spotting end to end: synthesize the 12-class set (once), train the DS-CNN on its training voices, report
# the accuracy on the held-out test voices, and classify one held-out clip from its WAV file.
set -euo pipefail
cd "$(dirname "$0")/../.."
data="${1:-runs/kws-data}"
out="${2:-runs/kws}"
[ -d "$data" ] || ./mote data synth-kws --out "$data" --per-word 400 --seed 1
./mote train --model examples/kws/ds_cnn.json --data "$data" --out "$out"
clip="$(find "$data/test/yes" -name '*.wav' | sort | head -n 1)"
echo "classes in label order: $(find "$data/train" -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | LC_ALL=C sort | tr '\n' ' ')"
./mote run "$out/model.tflite" --wav "$clip" --json
