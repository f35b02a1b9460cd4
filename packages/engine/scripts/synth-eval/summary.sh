#!/bin/sh
# Scratch: majority-vote summary over datasets and split seeds.
cd "$(dirname "$0")/../../../.." || exit 1
for spec in "sms 1" "sms 2" "sms 3" "sms 4" "sms 5" "youtube 1" "youtube 2" "spamassassin 1"; do
  set -- $spec
  npx tsx packages/engine/scripts/synth-eval/eval.ts "$1" "$2" 2>/dev/null | grep -E "MV" | sed "s/^/$1 $2 /"
done
