#!/usr/bin/env bash
# Integration test of `cia sweep` on a real Slurm cluster (issue 11 §5), after the recipe of ../shared/SLURM.md:
# Debian's slurm-wlm and munge as a one-node cluster on localhost, everything under one temporary folder.
#
#   1. installs slurm-wlm and munge when missing (root only; CI runs as root on a fresh machine);
#   2. publishes a self-contained single-file cia (what compute nodes without .NET run);
#   3. starts munged, slurmctld and slurmd, recording their process ids;
#   4. plans a sweep (built-in territory × 3 scenarios × 2 seeds = 3 tasks), breaks the scenario of one task, submits:
#      that task fails, the merge (afterany) reports its row missing and exits non-zero;
#   5. repairs the scenario and resubmits only the missing row: the merge completes;
#   6. runs the same manifest in local mode (no scheduler) and checks the two merged tables are byte-identical;
#   7. stops the daemons it started, by their process ids.
#
# Skipped, with a message saying so, when Slurm is missing and this is not root (it cannot be installed), or when
# CIA_SKIP_SLURM=1. Exit: 0 passed or skipped, 1 failed. The last line says which: "slurm sweep test: passed|skipped|FAILED".
set -uo pipefail
cd "$(dirname "$0")/../.."
REPO=$PWD

say() { echo "[slurm-test] $*"; }
skip() { say "$*"; echo "slurm sweep test: skipped"; exit 0; }
fail() { say "FAILED: $*"; echo "slurm sweep test: FAILED"; exit 1; }

[ "${CIA_SKIP_SLURM:-0}" = "1" ] && skip "CIA_SKIP_SLURM=1: not run."
if ! command -v slurmctld >/dev/null 2>&1 || ! command -v munged >/dev/null 2>&1; then
  [ "$(id -u)" -ne 0 ] && skip "Slurm (slurm-wlm, munge) is not installed and this is not root, so it cannot be installed here: not run. Run as root, or install slurm-wlm and munge."
  say "installing slurm-wlm and munge (Debian packages)"
  export DEBIAN_FRONTEND=noninteractive
  (apt-get update -qq && apt-get install -y -qq slurm-wlm munge >/dev/null) || fail "apt-get install slurm-wlm munge"
fi
[ "$(id -u)" -ne 0 ] && skip "the one-node cluster runs its daemons as root (SlurmUser=root): not run as $(id -un)."

BASE=$(mktemp -d /tmp/cia-slurm.XXXXXX)
PIDS=()
stop() {
  # The daemons this test started, by their process ids (slurmd, then slurmctld, then munged).
  for f in "$BASE/slurm/run/slurmd.pid" "$BASE/slurm/run/slurmctld.pid" "$BASE/munge/munged.pid"; do
    [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null
  done
  sleep 1
  rm -rf "$BASE"
}
trap stop EXIT

say "publishing a self-contained single-file cia into $BASE/bin"
dotnet publish src/CIA.Cli -c Release -r linux-x64 --self-contained -p:PublishSingleFile=true -o "$BASE/bin" >"$BASE/publish.log" 2>&1 \
  || { tail -20 "$BASE/publish.log"; fail "dotnet publish"; }
CIA="$BASE/bin/cia"
"$CIA" --version >/dev/null || fail "the published cia does not run"

say "starting munged, slurmctld and slurmd under $BASE"
mkdir -p "$BASE/munge" "$BASE/slurm/state" "$BASE/slurm/spool" "$BASE/slurm/log" "$BASE/slurm/run"
chmod 711 "$BASE" "$BASE/munge"
mungekey -c -k "$BASE/munge/munge.key" >/dev/null 2>&1 || fail "mungekey"
chmod 600 "$BASE/munge/munge.key"
munged --key-file="$BASE/munge/munge.key" --socket="$BASE/munge/munge.socket" --pid-file="$BASE/munge/munged.pid" \
  --log-file="$BASE/munge/munged.log" --seed-file="$BASE/munge/munged.seed" || fail "munged"
cat >"$BASE/slurm/slurm.conf" <<EOF
ClusterName=cia
SlurmctldHost=localhost
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$BASE/munge/munge.socket
CredType=cred/munge
StateSaveLocation=$BASE/slurm/state
SlurmdSpoolDir=$BASE/slurm/spool
SlurmctldPidFile=$BASE/slurm/run/slurmctld.pid
SlurmdPidFile=$BASE/slurm/run/slurmd.pid
SlurmctldLogFile=$BASE/slurm/log/slurmctld.log
SlurmdLogFile=$BASE/slurm/log/slurmd.log
SlurmctldPort=6817
SlurmdPort=6818
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
SwitchType=switch/none
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
ReturnToService=2
MailProg=/bin/true
SchedulerParameters=batch_sched_delay=0,sched_min_interval=0
NodeName=localhost CPUs=$(nproc) State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF="$BASE/slurm/slurm.conf"
slurmctld -f "$SLURM_CONF" || fail "slurmctld"
slurmd -f "$SLURM_CONF" -N localhost || fail "slurmd"
for _ in $(seq 1 300); do sinfo -h -o %T 2>/dev/null | grep -q '^idle' && break; sleep 0.1; done
sinfo -h -o %T | grep -q '^idle' || { tail -5 "$BASE/slurm/log/slurmctld.log"; fail "the node did not come up idle"; }

wait_jobs() { # until no job of ours is queued or running (at most 5 minutes)
  for _ in $(seq 1 600); do [ -z "$(squeue -h 2>/dev/null)" ] && return 0; sleep 0.5; done
  squeue; fail "jobs still queued after 5 minutes"
}

say "planning: built-in territory × builtin, lec30, steered × 2 seeds"
mkdir -p "$BASE/scenarios"
printf 'extends: builtin\nname: LEC 30 %%\ntargets: {lec-outside-qpv: {min: 0.30}}\n' >"$BASE/scenarios/lec30.yaml"
printf 'extends: builtin\nname: CIA-steered\nsimulation: {ranking: cia_steered}\n' >"$BASE/scenarios/steered.yaml"
cp "$BASE/scenarios/steered.yaml" "$BASE/steered.good"
PLAN=(--territory builtin --scenario builtin --scenario "$BASE/scenarios/lec30.yaml" --scenario "$BASE/scenarios/steered.yaml" --seeds 2 --block 2)
"$CIA" sweep plan "${PLAN[@]}" -o "$BASE/sweep" || fail "cia sweep plan"
[ "$(($(wc -l <"$BASE/sweep/manifest.tsv") - 1))" -eq 3 ] || fail "the manifest should have 3 rows"

say "breaking the scenario of row 2, then submitting"
printf 'extends: nowhere.yaml\n' >"$BASE/scenarios/steered.yaml"
"$CIA" sweep submit -m "$BASE/sweep/manifest.tsv" --cia "$CIA" || fail "cia sweep submit"
wait_jobs
[ "$(cat "$BASE/sweep/MISSING")" = "2" ] || { cat "$BASE"/sweep/logs/*; fail "the merge should list row 2 missing, not '$(cat "$BASE/sweep/MISSING" 2>/dev/null)'"; }
[ ! -e "$BASE/sweep/merged.tsv" ] || fail "merged.tsv should not exist while a row is missing"
grep -q "have no result" "$BASE"/sweep/logs/merge_*.out || fail "the merge's log should say rows are missing"
"$CIA" sweep merge -m "$BASE/sweep/manifest.tsv" >/dev/null 2>&1 && fail "cia sweep merge should exit non-zero with a row missing"
say "row 2 failed and the merge reported it missing, as it should"

say "repairing the scenario and resubmitting only the missing row"
cp "$BASE/steered.good" "$BASE/scenarios/steered.yaml"
before=$(stat -c %Y "$BASE/sweep/results/row-000000.tsv")
"$CIA" sweep submit -m "$BASE/sweep/manifest.tsv" --missing --cia "$CIA" | tee "$BASE/resubmit.txt" || fail "cia sweep submit --missing"
grep -q "Submitted 1 row" "$BASE/resubmit.txt" || fail "only the missing row should be resubmitted"
wait_jobs
[ -s "$BASE/sweep/merged.tsv" ] || { cat "$BASE"/sweep/logs/*; fail "merged.tsv missing after the resubmission"; }
[ -z "$(tr -d '\n' <"$BASE/sweep/MISSING")" ] || fail "MISSING should be empty"
[ "$(stat -c %Y "$BASE/sweep/results/row-000000.tsv")" = "$before" ] || fail "row 0's result should not have been rewritten"

say "the same manifest in local mode (no scheduler)"
"$CIA" sweep plan "${PLAN[@]}" -o "$BASE/local" >/dev/null || fail "cia sweep plan (local)"
"$CIA" sweep run -m "$BASE/local/manifest.tsv" --all >/dev/null || fail "cia sweep run --all"
"$CIA" sweep merge -m "$BASE/local/manifest.tsv" >/dev/null || fail "cia sweep merge (local)"
cmp "$BASE/sweep/merged.tsv" "$BASE/local/merged.tsv" || fail "the Slurm result and the local one differ"
say "the Slurm result equals the local-mode result byte for byte ($(wc -l <"$BASE/sweep/merged.tsv") lines)"

echo "slurm sweep test: passed"
