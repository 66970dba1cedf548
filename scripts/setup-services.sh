#!/usr/bin/env bash
# Installs the external services the test suite starts for real (on 127.0.0.1 only):
#   - Ceph radosgw (a real S3 implementation) for test/server/storage's integration tests:
#     radosgw ceph-mon ceph-osd ceph-common from Debian's repositories.
#   - Slurm (slurm-wlm munge) for test/server/execution/slurm.test.ts's one-node cluster.
# Idempotent: does nothing when every binary is already present. Needs root (or sudo) for
# apt-get; without either it prints what is missing and exits 0, and the tests that need the
# service report it (they do not pretend it ran).
set -euo pipefail
missing=()
for bin in radosgw radosgw-admin ceph-mon ceph-osd ceph ceph-authtool monmaptool slurmctld slurmd sbatch munged mungekey; do
  command -v "$bin" >/dev/null 2>&1 || missing+=("$bin")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "setup-services: missing ${missing[*]} and not root: install radosgw ceph-mon ceph-osd ceph-common slurm-wlm munge" >&2
    exit 0
  fi
fi
echo "setup-services: installing Ceph radosgw and Slurm (missing: ${missing[*]}) ..." >&2
start=$(date +%s)
export DEBIAN_FRONTEND=noninteractive
install_ceph() { $SUDO apt-get install -y -qq --no-install-recommends radosgw ceph-mon ceph-osd ceph-common slurm-wlm munge >/dev/null; }
# apt-get update only when the package lists do not know radosgw yet, or are too old to install it.
if ! apt-cache show radosgw slurm-wlm >/dev/null 2>&1 || ! install_ceph; then
  $SUDO apt-get update -qq
  install_ceph
fi
echo "setup-services: Ceph installed in $(( $(date +%s) - start )) s ($(ceph-mon --version 2>/dev/null | head -1))" >&2
